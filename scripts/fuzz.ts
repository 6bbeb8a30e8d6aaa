/**
 * `npm run fuzz`: the seeded fuzz campaign against the built proxy (`dist/server.js`; run
 * `npm run build` first). Options: `--seed N` (default 1), `--cases N` (default 10 000),
 * `--write` to save the figures to bench/results/fuzz.json for docs/PERFORMANCE.md. Exits 1 on
 * any broken invariant, printing the seed and case to replay.
 */
import { parseArgs } from 'node:util';
import { writeResult } from '../bench/writeResult';
import type { ProxyModule } from './fuzz/runFuzz';
import { runFuzz } from './fuzz/runFuzz';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '1' }, cases: { type: 'string', default: '10000' }, write: { type: 'boolean', default: false } },
});
const seed = Number(values.seed);
const cases = Number(values.cases);
if (!Number.isInteger(seed) || !Number.isInteger(cases) || cases < 1) {
  console.error('Usage: npm run fuzz -- [--seed <integer>] [--cases <positive integer>] [--write]');
  process.exit(2);
}

// The built package, as a host installs it; the path is computed so TypeScript does not need dist.
const entry = new URL('../dist/server.js', import.meta.url).href;
const proxy = (await import(entry)) as ProxyModule;
const report = await runFuzz({ proxy, seed, cases, log: (line) => console.log(line) });

const MiB = 2 ** 20;
console.log(`seed ${report.seed}: ${report.cases} cases in ${(report.durationMs / 1000).toFixed(1)} s (${Math.round(report.casesPerSecond)} cases/s), ${report.forwarded} forwarded upstream`);
console.log(`per category: ${Object.entries(report.casesPerCategory).map(([c, n]) => `${c} ${n}`).join(', ')}`);
console.log(`statuses: ${Object.entries(report.statuses).map(([s, n]) => `${s}×${n}`).join(' ')}`);
console.log(`heap after gc: ${(report.heapBeforeBytes / MiB).toFixed(1)} MiB → ${(report.heapAfterBytes / MiB).toFixed(1)} MiB; rss ${(report.rssBeforeBytes / MiB).toFixed(0)} → ${(report.rssAfterBytes / MiB).toFixed(0)} MiB`);
if (report.failures.length > 0) {
  for (const failure of report.failures) {
    console.error(`\nFAIL seed ${failure.seed} case ${failure.index} (${failure.configuration}, ${failure.category}: ${failure.what}): ${failure.problem}`);
    if (failure.request) console.error(failure.request.replace(/\r\n/g, '\n').slice(0, 400));
  }
  console.error(`\n${report.failures.length} failure(s). Replay: npm run fuzz -- --seed ${seed} --cases ${report.failures[0]!.index + 1}`);
  process.exit(1);
}
if (values.write) {
  const { failures: _failures, ...figures } = report;
  writeResult(`fuzz-seed-${seed}`, figures);
}
