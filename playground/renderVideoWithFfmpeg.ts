import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { RenderVideo } from '../src/testing/createSimulator';

const FPS = 24;

/**
 * The playground's renderer for the simulator: a slow eased pan across the submitted image,
 * cropped to cover the requested size, as H.264 MP4 any browser plays. ffmpeg comes from the
 * `@ffmpeg-installer/ffmpeg` dev dependency, which is why this lives here and not in the package.
 */
export const renderVideoWithFfmpeg: RenderVideo = async (image, { width, height, durationSeconds }) => {
  const dir = await mkdtemp(join(tmpdir(), 'i2v-render-'));
  try {
    const input = join(dir, 'source');
    const output = join(dir, 'clip.mp4');
    await writeFile(input, image.bytes);
    // Cover a canvas 15 % larger than the frame, then move the frame across it corner to corner.
    const even = (n: number) => Math.round(n / 2) * 2;
    const canvasW = even(width * 1.15);
    const canvasH = even(height * 1.15);
    const ease = `(0.5-0.5*cos(PI*t/${durationSeconds}))`;
    const filter = [
      // Repeats the first frame, so any still (or an animated GIF's first frame) becomes a stream.
      'loop=loop=-1:size=1:start=0',
      `setpts=N/${FPS}/TB`,
      `scale=${canvasW}:${canvasH}:force_original_aspect_ratio=increase`,
      `crop=${canvasW}:${canvasH}`,
      `crop=${width}:${height}:x='(iw-ow)*${ease}':y='(ih-oh)*${ease}'`,
      'format=yuv420p',
    ].join(',');
    await run(ffmpeg.path, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-i', input,
      '-vf', filter,
      '-r', String(FPS),
      '-t', String(durationSeconds),
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23',
      '-movflags', '+faststart', '-an',
      output,
    ]);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr}`))));
  });
}
