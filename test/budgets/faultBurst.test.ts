import { notifyManager } from '@tanstack/react-query';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { measureFaultBurst } from '../../bench/polling/measureFaultBurst';
import { seededRandom } from '../../bench/polling/pollingJobs';

notifyManager.setScheduler(queueMicrotask);

beforeEach(() => {
  // setImmediate stays real: in-process I/O finishes on it without moving time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

it('shows a finished job within 10 s of a burst of five transient read failures ending, never sooner than Retry-After', async () => {
  const clock = { next: () => vi.advanceTimersToNextTimerAsync().then(() => undefined) };
  // Jitter kept, seeded so the run repeats: twenty draws cover both ends of the ±20 % spread.
  const random = seededRandom(11);
  const outcomes = [];
  for (let run = 0; run < 20; run++) outcomes.push(await measureFaultBurst(clock, { random }));
  for (const outcome of outcomes) {
    // The burst really happened, in order: 500, HTML 502, 429, dropped socket, 503, then the video.
    expect(outcome.reads.map((r) => r.status)).toEqual([500, 502, 429, 0, 503, 200]);
    expect(outcome.lagFromBurstMs).toBeLessThanOrEqual(10_000);
    expect(outcome.after429.gapMs).toBeGreaterThanOrEqual(outcome.after429.retryAfterMs);
  }
  // Jitter is still there: retries do not land in step.
  expect(new Set(outcomes.map((o) => o.lagFromBurstMs)).size).toBeGreaterThan(10);
}, 30_000);
