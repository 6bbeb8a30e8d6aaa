/**
 * Polling in simulated time: the same jobs through our hook (the real schedule, the real
 * `useImageToVideo`, the real proxy transport over the simulator) and through fixed 1 s and 5 s
 * pollers. Status reads per job and detection lag (finish → video URL in state), p50 and p95.
 * Fake timers (@sinonjs/fake-timers) and jsdom stand in for the clock and the page.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { JSDOM } from 'jsdom';
import { pollingJobs, type PollingJobSet } from './polling/pollingJobs';
import { writeResult } from './writeResult';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
Object.assign(globalThis, { window: dom.window, document: dom.window.document, IS_REACT_ACT_ENVIRONMENT: true });
Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true });
for (const name of ['HTMLElement', 'Node', 'Element', 'Event', 'MutationObserver'] as const) {
  Object.assign(globalThis, { [name]: dom.window[name] });
}

// Imported after the page exists: react-dom and Testing Library read `document` on load.
const { notifyManager } = await import('@tanstack/react-query');
const { simulatePolling } = await import('./polling/simulatePolling');
notifyManager.setScheduler(queueMicrotask);

const mix: PollingJobSet = { typical: 84, veryLong: 6, transientErrors: 5, rateLimited: 5 };
const jobs = pollingJobs(mix, 1);
const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: Date.UTC(2026, 0, 1) });
const started = performance.now();
let summaries;
try {
  summaries = await simulatePolling(jobs, { next: async () => void (await clock.nextAsync()) });
} finally {
  clock.uninstall();
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
dom.window.close();
