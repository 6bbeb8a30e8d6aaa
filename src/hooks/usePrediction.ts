import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';
import { PredictionObserver, type PredictionObserverOptions, type PredictionSnapshot } from '../engine/PredictionObserver';
import { useImageToVideoConfig } from './useImageToVideoConfig';

export type { PredictionWatchStatus } from '../engine/PredictionObserver';

export interface UsePredictionOptions extends Pick<PredictionObserverOptions, 'submittedAt' | 'onCompleted' | 'onError'> {
  /** Default: the provider's, else the proxy transport on `/api/wavespeed`. */
  transport?: ImageToVideoTransport;
  /** Default: the host's, from `QueryClientProvider`, read once at mount. The library never creates one. */
  queryClient?: QueryClient;
  /** Default: the provider's, else `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
}

export interface UsePredictionResult extends PredictionSnapshot {
  /** Reads the status now, outside the schedule (after a timeout, say). */
  refetch(): Promise<void>;
}

/**
 * Watches any prediction id until it finishes: for resuming a job after a reload, or for showing
 * a job started elsewhere. Polling stops at a terminal status and when the last watcher unmounts.
 * Pass `undefined` to watch nothing. A thin adapter over `PredictionObserver`; callbacks are the
 * latest render's, called once per outcome.
 */
export function usePrediction(predictionId: string | undefined, options: UsePredictionOptions = {}): UsePredictionResult {
  const config = useImageToVideoConfig();
  const client = useQueryClient(options.queryClient);
  const observerOptions: PredictionObserverOptions = {
    transport: options.transport ?? config.transport,
    schedule: options.schedule ?? config.schedule,
    submittedAt: options.submittedAt,
    onCompleted: options.onCompleted,
    onError: options.onError,
  };
  const [observer] = useState(() => new PredictionObserver(client, observerOptions, predictionId));
  useEffect(() => observer.setOptions(observerOptions, predictionId));
  const snapshot = useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot);
  // Until the effect switches ids, show the one this render was given.
  const shown = predictionId === observer.predictionId ? snapshot : observer.getOptimisticSnapshot(predictionId);
  return { ...shown, refetch: observer.refetch };
}
