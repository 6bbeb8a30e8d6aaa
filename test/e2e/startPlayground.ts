import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';

export interface RunningPlayground {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs `npm start` (the playground) on an ephemeral port with the given environment, until it says it listens. */
export async function startPlayground(env: Record<string, string>): Promise<RunningPlayground> {
  const port = await freePort();
  // `npm start` is `tsx playground/server.ts`; run that directly so stopping it stops the server, not just npm.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'playground/server.ts'], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The playground did not start in 60 s:\n${log}`)), 60_000);
    const check = () => {
      if (log.includes('Playground: http://')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The playground exited with ${String(code)}:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        // Vite's watcher can keep it alive briefly; do not wait forever.
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** A JPEG "photo" of the given size, made with ffmpeg's test pattern: no fixtures in the repository. */
export async function makeJpeg(width: number, height: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'i2v-e2e-'));
  try {
    const file = join(dir, 'photo.jpg');
    await promisify(execFile)(ffmpeg.path, ['-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}`, '-frames:v', '1', '-q:v', '4', file]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
