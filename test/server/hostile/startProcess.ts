import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A TypeScript helper script in its own Node process, spoken to by lines on stdin and stdout. */
export interface LineProcess {
  /** The next line it prints. */
  next(): Promise<string>;
  send(line: string): void;
  stop(): void;
}

export function startProcess(file: string, args: string[] = []): LineProcess {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  return {
    next: () =>
      new Promise((resolve, reject) => {
        const line = lines.shift();
        if (line !== undefined) return resolve(line);
        waiting.push(resolve);
        child.once('exit', (code) => reject(new Error(`${file} exited (${code}): ${errors}`)));
      }),
    send: (line) => child.stdin.write(`${line}\n`),
    stop: () => {
      child.stdin.end();
      child.kill();
    },
  };
}
