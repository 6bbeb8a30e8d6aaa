import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_SCHEDULE, expectedWindow, nextPoll, type PollState } from '../../src/core/pollSchedule';

const steady = { random: () => 0.5 };
const at = (elapsedMs: number, extra: Partial<PollState> = {}): PollState => ({
  elapsedMs,
  sinceSuccessMs: 0,
  failures: 0,
  status: 'processing',
  ...extra,
});
const delayAt = (elapsedMs: number, extra?: Partial<PollState>) => {
  const decision = nextPoll(at(elapsedMs, extra), steady);
  if (decision.kind !== 'poll') throw new Error(`expected a poll, got ${decision.reason}`);
  return decision.delayMs;
};

/** Polls a job that finishes at `finishMs` on the schedule; returns the reads and the detection lag. */
function simulate(finishMs: number, recentDurationsMs?: number[]) {
  let elapsed = 0;
  let reads = 0;
  for (;;) {
    const decision = nextPoll(at(elapsed, { recentDurationsMs }), steady);
    if (decision.kind === 'stop') throw new Error(`stopped early: ${decision.reason}`);
    elapsed += decision.delayMs;
    reads += 1;
    if (elapsed >= finishMs) return { reads, lagMs: elapsed - finishMs };
  }
}

describe('nextPoll', () => {
  it('polls sparsely while a finish is unlikely, landing on the window start', () => {
    expect(delayAt(0)).toBe(5000);
    expect(delayAt(15_000)).toBe(3000);
  });

  it('polls densely inside the expected window', () => {
    expect(delayAt(18_000)).toBe(2500);
    expect(delayAt(69_000)).toBe(2500);
  });

  it('grows the interval for jobs that run long, up to the ceiling', () => {
    expect(delayAt(100_000)).toBeGreaterThan(2500);
    expect(delayAt(100_000)).toBeLessThan(delayAt(150_000));
    expect(delayAt(400_000)).toBe(DEFAULT_POLL_SCHEDULE.maxIntervalMs);
  });

  it('never polls faster than once a second, even when asked to', () => {
    expect(delayAt(17_900)).toBe(1000);
    expect(nextPoll(at(30_000), { denseIntervalMs: 10 })).toEqual({ kind: 'poll', delayMs: 1000 });
  });

  it('stops on a terminal status', () => {
    expect(nextPoll(at(5000, { status: 'completed' }))).toEqual({ kind: 'stop', reason: 'finished' });
    expect(nextPoll(at(5000, { status: 'failed' }))).toEqual({ kind: 'stop', reason: 'finished' });
  });

  it('lands the last read on the deadline and then stops', () => {
    expect(nextPoll(at(599_000), steady)).toEqual({ kind: 'poll', delayMs: 1000 });
    expect(nextPoll(at(598_500), { ...steady, deadlineMs: 600_000 })).toEqual({ kind: 'poll', delayMs: 1500 });
    expect(nextPoll(at(600_000))).toEqual({ kind: 'stop', reason: 'deadline' });
  });

  it('backs off exponentially on failed reads, up to maxErrorBackoffMs so a recovery is seen soon', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((failures) => delayAt(30_000, { failures }));
    expect(delays).toEqual([2000, 4000, 8000, 8000, 8000, 8000]);
    expect(nextPoll(at(30_000, { failures: 5 }), { ...steady, maxErrorBackoffMs: 30_000 })).toEqual({ kind: 'poll', delayMs: 30_000 });
  });

  it('keeps the jittered back-off ceiling under 10 s by default', () => {
    const highest = nextPoll(at(30_000, { failures: 9 }), { random: () => 0.999_999 });
    expect(highest.kind === 'poll' && highest.delayMs).toBeLessThanOrEqual(9600);
    expect(highest.kind === 'poll' && highest.delayMs).toBeGreaterThan(9500);
  });

  it('spreads retries with jitter so clients do not retry in step', () => {
    const low = nextPoll(at(30_000, { failures: 2 }), { random: () => 0 });
    const high = nextPoll(at(30_000, { failures: 2 }), { random: () => 0.999 });
    expect(low).toEqual({ kind: 'poll', delayMs: 3200 });
    expect(high.kind === 'poll' && high.delayMs).toBeGreaterThan(4700);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(delayAt(30_000, { failures: 1, retryAfterMs: 20_000 })).toBe(20_000);
  });

  it('gives up when no read has succeeded for the stall limit', () => {
    expect(nextPoll(at(200_000, { failures: 9, sinceSuccessMs: 120_000 }))).toEqual({ kind: 'stop', reason: 'stalled' });
    expect(nextPoll(at(200_000, { failures: 0, sinceSuccessMs: 120_000 })).kind).toBe('poll');
  });

  it('learns the window from recent durations', () => {
    expect(expectedWindow([40_000, 42_000])).toEqual([18_000, 70_000]);
    const [start, end] = expectedWindow([40_000, 41_000, 42_000, 44_000, 45_000]);
    expect(start).toBe(32_000);
    expect(end).toBe(61_250);
    expect(delayAt(25_000, { recentDurationsMs: [40_000, 41_000, 42_000, 44_000, 45_000] })).toBe(5000);
  });

  it('reads at most 40 % as often as a 1 s poller over 20–70 s jobs, with lag under 2.5 s', () => {
    let reads = 0;
    let fixedReads = 0;
    const lags: number[] = [];
    for (let finish = 20_000; finish <= 70_000; finish += 1_250) {
      const run = simulate(finish);
      reads += run.reads;
      fixedReads += Math.ceil(finish / 1000);
      lags.push(run.lagMs);
    }
    expect(reads / fixedReads).toBeLessThanOrEqual(0.4);
    expect(Math.max(...lags)).toBeLessThanOrEqual(2500);
  });
});
