import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import { createdAtMs } from '../core/createdAtMs';
import { isTerminalStatus } from '../core/isTerminalStatus';
import { DEFAULT_POLL_SCHEDULE, nextPoll, type PollScheduleOptions } from '../core/pollSchedule';
import type { Prediction } from '../core/predictionSchema';
import { toImageToVideoError } from '../core/toImageToVideoError';
import { MIN_HELD_WAIT_MS } from './minHeldWaitMs';
import type { PredictionQuery } from './PredictionQuery';

export interface ReadPredictionInput {
  transport: ImageToVideoTransport;
  predictionId: string;
  signal: AbortSignal;
  /** The prediction's query, when the cache has it. */
  query: PredictionQuery | undefined;
  /** Epoch ms the deadline counts from. */
  start: number;
  submittedAt: number | undefined;
  schedule: PollScheduleOptions | undefined;
  recentDurationsMs: readonly number[] | undefined;
  /** Queries whose next read is a plain one (see predictionQueryOptions). */
  pushPaused: WeakSet<object>;
  /** Where a retryable error's delay is left for react-query's `retryDelay`. */
  retryDelays: WeakMap<object, number>;
}

function deadlineError(deadlineMs: number, cause?: unknown): ImageToVideoError {
  const minutes = Math.round(deadlineMs / 6000) / 10;
  return new ImageToVideoError(
    'timeout',
    `The video was not ready within ${minutes} minutes. The task may still finish (and be billed) upstream.`,
    { cause },
  );
}

function stallError(stallMs: number, cause: unknown): ImageToVideoError {
  return new ImageToVideoError(
    'timeout',
    `The server has not answered for ${Math.round(stallMs / 1000)} seconds, so we stopped waiting.`,
    { cause },
  );
}

/**
 * One read of a watched prediction, the query function of `predictionQueryOptions`: a long-poll
 * when the server can hold it, else a plain read; a transient failure is left to react-query's
 * retry with the schedule's delay, and the deadline and stall end the watch as `timeout` errors.
 * Loaded with the submit (see loadJobSteps): no page reads a status before a job exists.
 */
export async function readPrediction(input: ReadPredictionInput): Promise<Prediction> {
  const { transport, predictionId, signal, query, start, submittedAt, schedule, recentDurationsMs, pushPaused, retryDelays } = input;
  const deadlineMs = schedule?.deadlineMs ?? DEFAULT_POLL_SCHEDULE.deadlineMs;
  const stallMs = schedule?.stallMs ?? DEFAULT_POLL_SCHEDULE.stallMs;
  const lastSuccess = Math.max(start, query?.state.dataUpdatedAt ?? 0);
  // Push: when the transport's server can hold a read open, each read is one long-poll, capped
  // so it never runs past the deadline.
  const maxWaitMs = transport.maxWaitMs?.();
  const waitMs =
    maxWaitMs !== undefined && query && !pushPaused.has(query) && query.state.data && !isTerminalStatus(query.state.data.status)
      ? Math.min(maxWaitMs, start + deadlineMs - Date.now())
      : undefined;
  const waiting = waitMs !== undefined && waitMs >= MIN_HELD_WAIT_MS;
  const readStartedAt = Date.now();
  let prediction: Prediction;
  try {
    prediction = await transport.getResult(predictionId, waiting ? { signal, waitMs } : { signal });
    if (query) {
      const heldBriefly = waiting && !isTerminalStatus(prediction.status) && Date.now() - readStartedAt < MIN_HELD_WAIT_MS;
      if (heldBriefly) pushPaused.add(query);
      else pushPaused.delete(query);
    }
  } catch (thrown) {
    if (query && waiting) pushPaused.add(query);
    const error = toImageToVideoError(thrown);
    if (!error.retryable) throw error;
    const now = Date.now();
    const decision = nextPoll(
      {
        elapsedMs: now - start,
        sinceSuccessMs: now - lastSuccess,
        status: query?.state.data?.status,
        // fetchFailureCount counts the failed attempts of this fetch before this one.
        failures: (query?.state.fetchFailureCount ?? 0) + 1,
        retryAfterMs: error.retryAfterMs,
        recentDurationsMs,
      },
      schedule,
    );
    if (decision.kind === 'stop') {
      throw decision.reason === 'stalled' ? stallError(stallMs, error) : deadlineError(deadlineMs, error);
    }
    retryDelays.set(error, decision.delayMs);
    throw error;
  }
  // A read is always made, even past the deadline: a job that finished while we were away counts.
  const origin = submittedAt ?? createdAtMs(prediction) ?? start;
  if (!isTerminalStatus(prediction.status) && Date.now() - origin >= deadlineMs) {
    throw deadlineError(deadlineMs);
  }
  return prediction;
}
