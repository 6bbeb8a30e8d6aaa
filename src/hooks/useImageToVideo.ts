import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ImageMode } from '../core/ImageMode';
import type { ImageToVideoRequest } from '../core/ImageToVideoRequest';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';
import type { Prediction } from '../core/predictionSchema';
import {
  ImageToVideoObserver,
  type ImageToVideoObserverOptions,
  type ImageToVideoSnapshot,
} from '../engine/ImageToVideoObserver';
import { useImageToVideoConfig } from './useImageToVideoConfig';

export type { ImageToVideoRequest } from '../core/ImageToVideoRequest';
export type { ImageToVideoStatus } from '../core/ImageToVideoStatus';

export interface UseImageToVideoOptions extends Partial<Pick<ImageToVideoObserverOptions, 'onSubmitted' | 'onCompleted' | 'onError'>> {
  /** Default: the provider's, else the proxy transport on `/api/wavespeed`. */
  transport?: ImageToVideoTransport;
  /** Default: the host's, from `QueryClientProvider`, read once at mount. The library never creates one. */
  queryClient?: QueryClient;
  /** Default: the provider's, else `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Default: the provider's, else `'upload'` (`'data-uri'` when the transport cannot upload). */
  imageMode?: ImageMode;
  /**
   * Resume watching this job (after a reload, say: save the id from `onSubmitted`). Followed when
   * it changes, like `resume(id)`; while it stays the same, submit, cancel and reset win.
   */
  predictionId?: string;
}

export interface UseImageToVideoResult extends ImageToVideoSnapshot {
  /** Since `submittedAt`, as of this render; frozen once the job settles. It does not tick by itself: see `useElapsedTime`. */
  elapsedMs: number;
  /** See `ImageToVideoObserver.submit`: never rejects, and a double click starts one job. */
  submit(request: ImageToVideoRequest): Promise<Prediction | undefined>;
  /** Submits `input` again as a new job, reusing the already uploaded image. */
  retry(): Promise<Prediction | undefined>;
  /** Stops watching and aborts requests in flight. An accepted task may still run upstream, and be billed. */
  cancel(): void;
  /** Back to `idle`: forgets `input` and the prediction. */
  reset(): void;
  /** Watches an existing job instead (see `predictionId`). */
  resume(predictionId: string): void;
  /** See `ImageToVideoObserver.preload`: call it when a submit is likely (an image was chosen). */
  preload(): void;
}

/**
 * The whole job in one hook: submit an image and a prompt, watch the task, get the video URL. A
 * thin adapter over `ImageToVideoObserver`, which holds the state machine, the one-task-per-intent
 * rule and the unmount handling; callbacks are the latest render's.
 */
export function useImageToVideo(options: UseImageToVideoOptions = {}): UseImageToVideoResult {
  const config = useImageToVideoConfig();
  const client = useQueryClient(options.queryClient);
  const engineOptions: ImageToVideoObserverOptions = {
    transport: options.transport ?? config.transport,
    schedule: options.schedule ?? config.schedule,
    imageMode: options.imageMode ?? config.imageMode,
    onSubmitted: options.onSubmitted,
    onCompleted: options.onCompleted,
    onError: options.onError,
  };
  const [observer] = useState(() => new ImageToVideoObserver(client, engineOptions, options.predictionId));
  useEffect(() => observer.setOptions(engineOptions));
  const { predictionId } = options;
  useEffect(() => {
    if (predictionId !== undefined) observer.resume(predictionId);
  }, [observer, predictionId]);

  const snapshot = useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot);
  const { submittedAt, settledAt } = snapshot;
  // "As of this render": reading the clock schedules no renders, and a settled job uses its end.
  // eslint-disable-next-line react-hooks/purity
  const elapsedMs = submittedAt === undefined ? 0 : Math.max(0, (settledAt ?? Date.now()) - submittedAt);
  return {
    ...snapshot,
    elapsedMs,
    submit: observer.submit,
    retry: observer.retry,
    cancel: observer.cancel,
    reset: observer.reset,
    resume: observer.resume,
    preload: observer.preload,
  };
}
