import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** Saves one benchmark's figures with when and where they were measured, for docs/PERFORMANCE.md. */
export function writeResult(name: string, figures: unknown): void {
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? arch()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify({ name, measuredAt: new Date().toISOString(), machine, figures }, null, 2) + '\n',
  );
}
