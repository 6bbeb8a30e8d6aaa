/**
 * React Profiler counts while one job runs through the drop-in `<ImageToVideo>` in simulated time:
 * commits per part on a poll that brings the same status, and on each status change. The budget
 * test test/budgets/renders.test.tsx asserts the same figures in CI.
 */
import { installFakePage } from './fakePage';
import { LoadableImage } from './renders/LoadableImage';
import { writeResult } from './writeResult';

const page = await installFakePage();
// As the budget test does: the job starts from an image URL, which must load first.
Object.assign(globalThis, { Image: LoadableImage });
const { measureRenders } = await import('./renders/measureRenders');
let counts;
try {
  counts = await measureRenders(page.clock);
} finally {
  page.close();
}
const sum = (commits: Record<string, number | undefined>) => Object.values(commits).reduce<number>((a, n) => a + (n ?? 0), 0);
console.log(`renders: ${counts.unchangedPolls} polls with an unchanged status → ${sum(counts.commitsOnUnchangedPolls)} part commits`);
for (const change of counts.statusChanges) {
  const max = Math.max(...Object.values(change.commits).map((n) => n ?? 0));
  console.log(`  ${change.from} → ${change.to}: ${Object.keys(change.commits).length} parts committed, at most ${max} time(s) each`);
}
console.log(`  (the status and progress parts' own 1 s clocks: ${counts.clockTicks} commits between reads)`);
writeResult('renders', counts);
