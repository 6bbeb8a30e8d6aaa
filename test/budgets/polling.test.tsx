import { notifyManager } from '@tanstack/react-query';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { pollingJobs } from '../../bench/polling/pollingJobs';
import { simulatePolling } from '../../bench/polling/simulatePolling';
import { loadableImages } from './loadableImages';

// Notifications at the instant of the read, as in the hook tests (fake timers would move a 0 ms timeout).
notifyManager.setScheduler(queueMicrotask);

beforeEach(() => {
  loadableImages();
  // setImmediate stays real: the simulation lets in-process I/O finish on it without moving time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

it('polls ≤ 40 % of a fixed 1 s poller, sees the video within 1.5 s (p50) and 3 s (p95), and waits out every Retry-After', async () => {
  // The same 100 jobs as `npm run bench` (seeded): 84 of 20–70 s, 6 of 2–6 min, 5 with 503s, 5 with 429s.
  const jobs = pollingJobs({ typical: 84, veryLong: 6, transientErrors: 5, rateLimited: 5 }, 1);
  const [ours, fixed1s] = await simulatePolling(jobs, { next: () => vi.advanceTimersToNextTimerAsync().then(() => undefined) });
  expect(ours!.completed).toBe(jobs.length);
  expect(ours!.totalRequests / fixed1s!.totalRequests).toBeLessThanOrEqual(0.4);
  expect(ours!.lagMs.p50).toBeLessThanOrEqual(1500);
  expect(ours!.lagMs.p95).toBeLessThanOrEqual(3000);
  expect(ours!.rateLimited.count).toBeGreaterThan(0);
  expect(ours!.rateLimited.honoured).toBe(true);
  // The baseline really is what we claim to beat: it ignores Retry-After.
  expect(fixed1s!.rateLimited.honoured).toBe(false);
}, 20_000);
