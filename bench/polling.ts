/**
 * Polling in simulated time: the same jobs through our hook (the real schedule, the real
 * `useImageToVideo`, the real proxy transport over the simulator) and through fixed 1 s and 5 s
 * pollers. Status reads per job and detection lag (finish → video URL in state), p50 and p95.
 * The budget test test/budgets/polling.test.tsx runs the same simulation in CI.
 */
import { installFakePage } from './fakePage';
import { pollingJobs, type PollingJobSet } from './polling/pollingJobs';
import { writeResult } from './writeResult';

const page = await installFakePage();
const { simulatePolling } = await import('./polling/simulatePolling');

const mix: PollingJobSet = { typical: 84, veryLong: 6, transientErrors: 5, rateLimited: 5 };
const jobs = pollingJobs(mix, 1);
const started = performance.now();
let summaries;
try {
  summaries = await simulatePolling(jobs, page.clock);
} finally {
  page.close();
}
const wallMs = performance.now() - started;

const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(`polling: ${jobs.length} jobs (${mix.typical} of 20–70 s, ${mix.veryLong} of 2–6 min, ${mix.transientErrors} with 503s, ${mix.rateLimited} with 429s), simulated in ${(wallMs / 1000).toFixed(1)} s`);
console.log('poller      reads/job p50  p95   total   vs 1 s   lag p50  p95    max     429 min gap');
const fixed1s = summaries.find((x) => x.poller === 'fixed-1s')!;
for (const x of summaries) {
  console.log(
    `${x.poller.padEnd(10)} ${String(x.requestsPerJob.p50).padStart(8)} ${String(x.requestsPerJob.p95).padStart(5)} ${String(x.totalRequests).padStart(7)} ${((100 * x.totalRequests) / fixed1s.totalRequests).toFixed(0).padStart(6)} %  ${s(x.lagMs.p50).padStart(6)} ${s(x.lagMs.p95).padStart(6)} ${s(x.lagMs.max).padStart(6)}   ${x.rateLimited.minGapMs === null ? '–' : `${s(x.rateLimited.minGapMs)} s (Retry-After ${s(x.rateLimited.retryAfterMs!)} s)`}`,
  );
}
writeResult('polling', { mix, jobs: jobs.length, seed: 1, summaries });
