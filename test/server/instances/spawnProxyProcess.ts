import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** A proxy instance in a process of its own (`proxyProcess.ts`), as another serverless instance would be. */
export interface ProxyProcess {
  /** The proxy's base URL, as the child printed it once it listened. */
  api: string;
  child: ChildProcessWithoutNullStreams;
  /** Asks the child to exit, and kills it after 5 s if it has not. */
  stop(): Promise<void>;
}

export async function spawnProxyProcess(env: Record<string, string>): Promise<ProxyProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'proxyProcess.ts')], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const { api } = JSON.parse(String((await lines.next()).value)) as { api: string };
  return {
    api,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.stdin.write('exit\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
