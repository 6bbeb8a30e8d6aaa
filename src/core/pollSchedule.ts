import { isTerminalStatus } from './isTerminalStatus';
import type { PredictionStatus } from './predictionSchema';

export interface PollScheduleOptions {
  /** Stop and report `timeout` this long after the submit. Default 10 minutes. */
  deadlineMs?: number;
  /** Stop and report `timeout` when no status read has succeeded for this long. Default 2 minutes. */
  stallMs?: number;
  /** Interval while a finish is unlikely yet. Default 5000, WaveSpeed's guidance for video. */
  sparseIntervalMs?: number;
  /** Interval while a finish is likely; bounds the detection lag. Default 2500. */
  denseIntervalMs?: number;
  /** Ceiling for intervals that grow on long jobs. Default 15000. */
  maxIntervalMs?: number;
  /**
   * Ceiling for the back-off after failed reads, before jitter (`Retry-After` may ask for more).
   * Default 8000: a job that finished during a burst of errors shows within 10 s of the reads
   * succeeding again, jitter included, where doubling to 30 s left it hidden for up to 36 s.
   */
  maxErrorBackoffMs?: number;
  /**
   * When a job is expected to finish, in ms after submit, before any sample is known.
   * Default `[18_000, 70_000]`: third-party hosts report 30–65 s for Ray 2 Flash.
   */
  expectedWindowMs?: readonly [number, number];
  /** Randomizes error back-off by ±this fraction so many clients do not retry in step. Default 0.2. */
  jitter?: number;
  /** Source of randomness for jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
}

export interface PollState {
  /** Time since the submit was accepted. */
  elapsedMs: number;
  /** Time since the last successful status read (or the submit, before the first). */
  sinceSuccessMs: number;
  /** The last status read, if any. */
  status?: PredictionStatus;
  /** Consecutive failed reads; 0 after a success. */
  failures: number;
  /** What the last failure asked us to wait (`Retry-After`). */
  retryAfterMs?: number;
  /** Wall times of recently finished jobs of the same duration, to learn when to poll densely. */
  recentDurationsMs?: readonly number[];
}

export type PollDecision =
  | { kind: 'poll'; delayMs: number }
  | { kind: 'stop'; reason: 'finished' | 'deadline' | 'stalled' };

export const DEFAULT_POLL_SCHEDULE = {
  deadlineMs: 10 * 60_000,
  stallMs: 2 * 60_000,
  sparseIntervalMs: 5000,
  denseIntervalMs: 2500,
  maxIntervalMs: 15_000,
  maxErrorBackoffMs: 8000,
  expectedWindowMs: [18_000, 70_000] as const,
  jitter: 0.2,
} satisfies PollScheduleOptions;

const MIN_DELAY_MS = 1000;
const ERROR_BASE_MS = 2000;

function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index]!;
}

/**
 * The window in which a finish is likely. With three or more samples it hugs them (with a margin
 * for queueing); otherwise it is the prior.
 */
export function expectedWindow(
  samples: readonly number[] | undefined,
  prior: readonly [number, number] = DEFAULT_POLL_SCHEDULE.expectedWindowMs,
): [number, number] {
  if (!samples || samples.length < 3) return [prior[0], prior[1]];
  const sorted = [...samples].sort((a, b) => a - b);
  return [quantile(sorted, 0.1) * 0.8, quantile(sorted, 0.9) * 1.25 + 5000];
}

/**
 * When to read a prediction's status next, as a pure function of what is known so far.
 *
 * Sparse (5 s) while a finish is unlikely, dense (2.5 s) inside the expected window, then growing
 * towards `maxIntervalMs` for jobs that run long. After a failed read it backs off exponentially
 * up to `maxErrorBackoffMs`, with jitter, never sooner than `Retry-After`. Never schedules past the deadline: the last read
 * lands on it.
 */
export function nextPoll(state: PollState, options: PollScheduleOptions = {}): PollDecision {
  const o = { ...DEFAULT_POLL_SCHEDULE, ...options };
  if (state.status !== undefined && isTerminalStatus(state.status)) return { kind: 'stop', reason: 'finished' };
  const remaining = o.deadlineMs - state.elapsedMs;
  if (remaining <= 0) return { kind: 'stop', reason: 'deadline' };
  if (state.failures > 0 && state.sinceSuccessMs >= o.stallMs) return { kind: 'stop', reason: 'stalled' };

  let delay: number;
  if (state.failures > 0) {
    const backoff = Math.min(o.maxErrorBackoffMs, ERROR_BASE_MS * 2 ** (state.failures - 1));
    const spread = 1 + o.jitter * (2 * (o.random ?? Math.random)() - 1);
    delay = Math.max(state.retryAfterMs ?? 0, backoff * spread);
  } else {
    const [start, end] = expectedWindow(state.recentDurationsMs, o.expectedWindowMs);
    if (state.elapsedMs < start) {
      // Land exactly on the window's start rather than overshoot it by up to a sparse interval.
      delay = Math.min(o.sparseIntervalMs, start - state.elapsedMs);
    } else if (state.elapsedMs < end) {
      delay = o.denseIntervalMs;
    } else {
      delay = Math.min(o.maxIntervalMs, o.denseIntervalMs + (state.elapsedMs - end) * 0.1);
    }
  }
  return { kind: 'poll', delayMs: Math.round(Math.min(remaining, Math.max(MIN_DELAY_MS, delay))) };
}
