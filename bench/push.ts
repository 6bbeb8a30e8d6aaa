/**
 * Push completion in real time: jobs of 20–70 s, all at once, each through `useImageToVideo`,
 * the proxy transport, the real proxy handler and the simulator's signed webhooks. Three runs side
 * by side: one instance; two instances on one store (webhook to one, browser waiting on the
 * other); and every webhook withheld, where only the proxy's fallback can finish the job.
 */
import { installFakePage } from './fakePage';
import { pollingJobs } from './polling/pollingJobs';
import { writeResult } from './writeResult';

const page = await installFakePage({ realTime: true });
const { runPushJobs } = await import('./push/runPushJobs');

const jobs = pollingJobs({ typical: 24, veryLong: 0, transientErrors: 0, rateLimited: 0 }, 2);
const scenarios = [
  { name: 'one instance', instances: 1, withhold: false },
  { name: 'two instances', instances: 2, withhold: false },
  { name: 'webhook withheld', instances: 1, withhold: true },
] as const;

const started = performance.now();
let results;
try {
  results = await Promise.all(scenarios.map(async (scenario) => ({ scenario, outcomes: await runPushJobs(scenario, jobs) })));
} finally {
  page.close();
}

const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? Number.NaN;
};
const stats = (values: readonly number[]) => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95), max: Math.max(...values) });
const BUCKETS = [
  [20_000, 35_000],
  [35_000, 50_000],
  [50_000, 70_001],
] as const;

const summaries = results.map(({ scenario, outcomes }) => ({
  scenario: scenario.name,
  jobs: outcomes.length,
  browserReads: stats(outcomes.map((o) => o.browserReads)),
  upstreamReads: stats(outcomes.map((o) => o.upstreamReads)),
  webhookToVideoMs: scenario.withhold ? null : stats(outcomes.map((o) => o.webhookToVideoMs!)),
  finishToVideoMs: stats(outcomes.map((o) => o.finishToVideoMs)),
  byLength: BUCKETS.map(([lo, hi]) => {
    const inBucket = outcomes.filter((o) => o.jobMs >= lo && o.jobMs < hi);
    return {
      range: `${lo / 1000}–${Math.round(hi / 1000)} s`,
      jobs: inBucket.length,
      browserReadsMax: Math.max(...inBucket.map((o) => o.browserReads)),
      upstreamReadsMax: Math.max(...inBucket.map((o) => o.upstreamReads)),
      finishToVideoMsMax: Math.max(...inBucket.map((o) => o.finishToVideoMs)),
      webhookToVideoMsMax: scenario.withhold ? null : Math.max(...inBucket.map((o) => o.webhookToVideoMs!)),
    };
  }),
}));

const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(`push: ${jobs.length} jobs of 20–70 s per run, 3 runs at once, real time ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log('run               browser reads p50/p95/max  upstream reads p50/max  webhook→video p50/p95/max    finish→video p50/p95/max');
for (const x of summaries) {
  const hook = x.webhookToVideoMs ? `${s(x.webhookToVideoMs.p50)} ${s(x.webhookToVideoMs.p95)} ${s(x.webhookToVideoMs.max)} s` : '–';
  console.log(
    `${x.scenario.padEnd(17)} ${`${x.browserReads.p50}/${x.browserReads.p95}/${x.browserReads.max}`.padStart(12)}  ${`${x.upstreamReads.p50}/${x.upstreamReads.max}`.padStart(14)}          ${hook.padStart(18)}    ${s(x.finishToVideoMs.p50)} ${s(x.finishToVideoMs.p95)} ${s(x.finishToVideoMs.max)} s`,
  );
  for (const b of x.byLength) {
    console.log(`  ${b.range.padEnd(10)} ${b.jobs} jobs: browser ≤ ${b.browserReadsMax}, upstream ≤ ${b.upstreamReadsMax}, finish→video ≤ ${s(b.finishToVideoMsMax)} s${b.webhookToVideoMsMax === null ? '' : `, webhook→video ≤ ${s(b.webhookToVideoMsMax)} s`}`);
  }
}
writeResult('push', { jobs: jobs.length, seed: 2, fallbackAfterMs: 75_000, summaries });
