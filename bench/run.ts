/**
 * `npm run bench`: every benchmark in turn, each in its own process and writing
 * bench/results/<name>.json, then docs/PERFORMANCE.md rendered from those files.
 * `npm run bench -- polling renders` runs only the named ones (the report uses the last results).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ALL = ['bundle', 'polling', 'push', 'renders', 'preflight', 'memory', 'proxy', 'store', 'hostile'];
const only = process.argv.slice(2);
const failed: string[] = [];
for (const name of only.length > 0 ? only : ALL) {
  console.log(`\n▶ ${name}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(import.meta.dirname, `${name}.ts`)], { stdio: 'inherit', timeout: 10 * 60_000 });
  if (run.status !== 0) failed.push(name);
}
const report = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'report.ts')], { stdio: 'inherit' });
if (failed.length > 0 || report.status !== 0) {
  console.error(`\nfailed: ${[...failed, ...(report.status !== 0 ? ['report'] : [])].join(', ')}`);
  process.exit(1);
}
