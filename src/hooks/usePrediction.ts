import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { errorFromTask } from '../core/errorFromTask';
import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';
import type { Prediction } from '../core/predictionSchema';
import { predictionQueryOptions } from './predictionQueryOptions';
import { useImageToVideoConfig } from './useImageToVideoConfig';
import { useLatest } from './useLatest';
import { videoUrlOf } from './videoUrlOf';

/** Where a watched prediction stands. `queued` also covers "id known, first read not back yet". */
export type PredictionWatchStatus = 'idle' | 'queued' | 'processing' | 'completed' | 'failed';

export interface UsePredictionOptions {
  /** Default: the provider's, else the proxy transport on `/api/wavespeed`. */
  transport?: ImageToVideoTransport;
  /** Default: the host's, from `QueryClientProvider`. The library never creates one. */
  queryClient?: QueryClient;
  /** Default: the provider's, else `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Epoch ms when the task was accepted; the deadline counts from here. Default the prediction's `created_at`. */
  submittedAt?: number;
  /** Called once per prediction when it completes with a playable video. Always the latest render's function. */
  onCompleted?: (prediction: Prediction) => void;
  /** Called once per failure (task failed, deadline, stall, non-retryable read error). Always the latest render's function. */
  onError?: (error: ImageToVideoError) => void;
}

export interface UsePredictionResult {
  status: PredictionWatchStatus;
  /** The last prediction read; kept (same reference) while polls bring nothing new. */
  prediction: Prediction | undefined;
  /** The first output, only if it is an http(s) URL. */
  videoUrl: string | undefined;
  error: ImageToVideoError | undefined;
  /** Epoch ms when this client saw the job settle (`completed` or `failed`). */
  settledAt: number | undefined;
  /** Reads the status now, outside the schedule (after a timeout, say). */
  refetch(): Promise<void>;
}

/**
 * Watches any prediction id until it finishes: for resuming a job after a reload, or for showing
 * a job started elsewhere. Polling stops at a terminal status and when the last watcher unmounts.
 * Pass `undefined` to watch nothing.
 */
export function usePrediction(predictionId: string | undefined, options: UsePredictionOptions = {}): UsePredictionResult {
  const config = useImageToVideoConfig();
  const client = useQueryClient(options.queryClient);
  const query = useQuery(
    predictionQueryOptions({
      transport: options.transport ?? config.transport,
      predictionId,
      submittedAt: options.submittedAt,
      schedule: options.schedule ?? config.schedule,
    }),
    client,
  );
  // Only these fields are read, so react-query's tracked result re-renders us for nothing else
  // (not for fetch status, failure counts, or a poll that brought the same data).
  const data = predictionId === undefined ? undefined : query.data;
  const queryError = predictionId === undefined ? null : query.error;
  const queryRefetch = query.refetch;

  const videoUrl = videoUrlOf(data);
  const taskError = useMemo(() => {
    if (data?.status === 'failed') return errorFromTask(data);
    if (data?.status === 'completed' && videoUrlOf(data) === undefined) {
      return new ImageToVideoError('bad-response', 'The task finished without a playable video URL.');
    }
    return undefined;
  }, [data]);

  let status: PredictionWatchStatus;
  let error: ImageToVideoError | undefined;
  let settledAt: number | undefined;
  if (predictionId === undefined) {
    status = 'idle';
  } else if (data?.status === 'completed' && taskError === undefined) {
    status = 'completed';
    settledAt = query.dataUpdatedAt;
  } else if (taskError !== undefined) {
    status = 'failed';
    error = taskError;
    settledAt = query.dataUpdatedAt;
  } else if (queryError) {
    status = 'failed';
    error = queryError;
    settledAt = query.errorUpdatedAt;
  } else {
    status = data?.status === 'processing' ? 'processing' : 'queued';
  }

  const latest = useLatest({ onCompleted: options.onCompleted, onError: options.onError });
  // What we last told the callbacks about, so a re-render or Strict Mode's second effect run never
  // reports the same outcome twice.
  const reported = useRef<unknown>(undefined);
  useEffect(() => {
    const outcome = status === 'completed' ? data : status === 'failed' ? error : undefined;
    if (outcome === undefined || reported.current === outcome) return;
    reported.current = outcome;
    if (status === 'completed') latest.current.onCompleted?.(data!);
    else latest.current.onError?.(error!);
  }, [status, data, error, latest]);

  const refetch = useCallback(async () => {
    if (predictionId === undefined) return;
    await queryRefetch();
  }, [predictionId, queryRefetch]);

  return { status, prediction: data, videoUrl, error, settledAt, refetch };
}
