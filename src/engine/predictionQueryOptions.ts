import { queryOptions, skipToken, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import { isTerminalStatus } from '../core/isTerminalStatus';
import { DEFAULT_POLL_SCHEDULE, nextPoll, type PollScheduleOptions } from '../core/pollSchedule';
import type { Prediction } from '../core/predictionSchema';
import { createdAtMs } from '../core/createdAtMs';
import { loadJobSteps } from './loadJobSteps';
import { MIN_HELD_WAIT_MS } from './minHeldWaitMs';
import { PREDICTION_GC_TIME_MS } from './predictionGcTimeMs';
import type { PredictionQuery } from './PredictionQuery';
import { predictionQueryKey, type PredictionQueryKey } from './predictionQueryKey';

export interface PredictionQueryOptionsInput {
  /** How the status is read. */
  transport: ImageToVideoTransport;
  /** The prediction to watch; `undefined` gives a disabled query (`skipToken`). */
  predictionId: string | undefined;
  /**
   * Epoch ms when the task was accepted: the deadline counts from here. Default the prediction's
   * `created_at` once known (server clock), else when this query first ran.
   */
  submittedAt?: number;
  /** Poll timing, deadline and stall limits. Default `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Wall times of recently finished jobs, so polls get dense when a finish is likely. */
  recentDurationsMs?: readonly number[];
}

export type { PredictionQueryKey } from './predictionQueryKey';

/**
 * Errors thrown by a read that react-query may retry, with the delay the schedule chose. Keeping
 * the decision beside the error lets `retry`/`retryDelay` (which never see the query) follow the
 * schedule the query function computed with full knowledge of the query's state.
 */
const retryDelays = new WeakMap<object, number>();

/** When a query with no `submittedAt` and no `created_at` was first read: its deadline's origin. */
const firstRunAt = new WeakMap<object, number>();

/**
 * Queries whose last long-poll failed or came back at once without news: their next read is a
 * plain one on the poll schedule, and push resumes after it succeeds. So a proxy that stops
 * holding reads (or fails them) costs no more requests than polling does.
 */
const pushPaused = new WeakSet<object>();

function startOf(query: PredictionQuery | undefined, submittedAt: number | undefined): number {
  if (submittedAt !== undefined) return submittedAt;
  const created = createdAtMs(query?.state.data);
  if (created !== undefined) return created;
  if (!query) return Date.now();
  let first = firstRunAt.get(query);
  if (first === undefined) {
    first = Date.now();
    firstRunAt.set(query, first);
  }
  return first;
}

function findQuery(client: QueryClient, queryKey: QueryKey): PredictionQuery | undefined {
  return client.getQueryCache().find<Prediction, ImageToVideoError, Prediction>({ queryKey, exact: true });
}

/**
 * Query options that watch one prediction: use with `useQuery`, `prefetchQuery`,
 * `invalidateQueries` or `usePrediction`.
 *
 * - Key `['react-image-to-video', 'prediction', predictionId]`.
 * - Polls on `nextPoll`'s schedule (also in background tabs) and stops at a terminal status. When
 *   the transport's server can hold a read open (`transport.maxWaitMs()`, learned from the proxy's
 *   answers), each read is instead one long-poll and the next starts when it answers; a failed or
 *   unheld wait falls back to the schedule for the next read.
 * - A transient read error (5xx, 429, network) is retried on the schedule's back-off, honouring
 *   `retryAfterMs`; it never fails the job by itself. What does: a non-retryable error, the
 *   deadline, or a stall (no successful read for `stallMs`) — the last two as a `timeout` error.
 * - A finished prediction never goes stale; an unchanged poll keeps the same data reference
 *   (structural sharing), so observers do not re-render.
 * - Dropped from the cache 5 s after its last observer unmounts (`gcTime`), not react-query's 5 min.
 *
 * Reads and retries pause while the device is offline, retries also while the page is hidden
 * (react-query's retryer); they resume when it comes back, and the deadline still counts.
 */
export function predictionQueryOptions({
  transport,
  predictionId,
  submittedAt,
  schedule,
  recentDurationsMs,
}: PredictionQueryOptionsInput) {
  const deadlineMs = schedule?.deadlineMs ?? DEFAULT_POLL_SCHEDULE.deadlineMs;
  const queryKey = predictionQueryKey(predictionId);

  /** Epoch ms of the next read planned after the last successful one; undefined when none is. */
  function plannedPollAt(query: PredictionQuery): number | 'deadline' | undefined {
    const { data, status } = query.state;
    if (status === 'error' || data === undefined || isTerminalStatus(data.status)) return undefined;
    const start = startOf(query, submittedAt);
    const lastRead = Math.max(start, query.state.dataUpdatedAt);
    // Planned from the last read, not from now: re-renders must not push the next poll back.
    const decision = nextPoll(
      { elapsedMs: lastRead - start, sinceSuccessMs: 0, status: data.status, failures: 0, recentDurationsMs },
      schedule,
    );
    return decision.kind === 'poll' ? lastRead + decision.delayMs : 'deadline';
  }

  return queryOptions<Prediction, ImageToVideoError, Prediction, PredictionQueryKey>({
    queryKey,
    queryFn:
      predictionId === undefined
        ? skipToken
        : ({ signal, client, queryKey: key }) => {
            const query = findQuery(client, key);
            const start = startOf(query, submittedAt);
            // The read itself loads on first use, with the submit (see loadJobSteps).
            return loadJobSteps().then(
              (steps) =>
                steps.readPrediction({
                  transport,
                  predictionId,
                  signal,
                  query,
                  start,
                  submittedAt,
                  schedule,
                  recentDurationsMs,
                  pushPaused,
                  retryDelays,
                }),
              (error: unknown) => {
                // A load that failed (offline, a deploy in between) is a read that failed: tried
                // again on the sparse interval, never the end of a job that may still be running.
                retryDelays.set(error as object, schedule?.sparseIntervalMs ?? DEFAULT_POLL_SCHEDULE.sparseIntervalMs);
                throw error;
              },
            );
          },
    retry: (_failureCount, error) => retryDelays.has(error),
    retryDelay: (_failureCount, error) => retryDelays.get(error) ?? DEFAULT_POLL_SCHEDULE.sparseIntervalMs,
    refetchInterval: (query) => {
      // While a read is under way its own retries are in charge; the timer restarts when it settles.
      if (query.state.fetchStatus !== 'idle') return false;
      const at = plannedPollAt(query);
      if (at === undefined) return false;
      // Past the deadline: one last read, which reports the timeout (or the finished job).
      if (at === 'deadline') return 1;
      // Push: the next long-poll starts as soon as one answers, while the task runs (and while
      // there is time left for a real wait; the last second before the deadline is polled).
      const pushing = transport.maxWaitMs?.() !== undefined && !pushPaused.has(query);
      if (pushing && startOf(query, submittedAt) + deadlineMs - Date.now() >= MIN_HELD_WAIT_MS) return 1;
      // 0 would mean "no interval": at least 1 ms.
      return Math.max(1, at - Date.now());
    },
    refetchIntervalInBackground: true,
    gcTime: PREDICTION_GC_TIME_MS,
    // Fresh until the next planned poll, so mounting right after a submit does not read at once.
    staleTime: (query) => {
      const data = query.state.data;
      if (data !== undefined && isTerminalStatus(data.status)) return Infinity;
      const at = plannedPollAt(query);
      return typeof at === 'number' ? Math.max(0, at - query.state.dataUpdatedAt) : 0;
    },
  });
}
