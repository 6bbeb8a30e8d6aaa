import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport, UploadProgress } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';
import type { Prediction } from '../core/predictionSchema';
import type { SubmitInput, VideoDuration, VideoSize } from '../core/submitInputSchema';
import { createdAtMs } from './createdAtMs';
import type { ImageMode } from './ImageToVideoConfigContext';
import { intentFingerprint, intentKeys } from './intentKeys';
import { PREDICTION_GC_TIME_MS } from './predictionQueryOptions';
import { resolveImageMode } from './resolveImageMode';
import { runSubmission, type Submission, type SubmissionVariables } from './runSubmission';
import { useImageToVideoConfig } from './useImageToVideoConfig';
import { useLatest } from './useLatest';
import { usePrediction } from './usePrediction';

/**
 * What to turn into a video. The image may be a Blob/File (uploaded through `transport.upload`,
 * or inlined as a data URI) or a string (an http(s) URL or a data URI).
 */
export interface ImageToVideoRequest {
  image: Blob | string;
  prompt: string;
  /** Default `'1280*720'` (landscape); `'720*1280'` is portrait. */
  size?: VideoSize;
  /** Seconds. Default 5; 10 is billed as two runs. */
  duration?: VideoDuration;
  /**
   * Sends `enable_prompt_optimizer` with the submit. Default: not sent. Sibling Luma models
   * document it; this one does not, so WaveSpeed may ignore it. See `usePromptOptimizer` for an
   * improvement the user can see and edit before paying for the video.
   */
  enablePromptOptimizer?: boolean;
}

/**
 * - `uploading`: the image is being uploaded. `submitting`: the task is being created.
 * - `queued` / `processing`: the task exists upstream (`created` / `processing`).
 * - `completed`: `videoUrl` is ready. `failed`: see `error`. `canceled`: `cancel()` was called.
 */
export type ImageToVideoStatus =
  | 'idle'
  | 'uploading'
  | 'submitting'
  | 'queued'
  | 'processing'
  | 'completed'
  | 'failed'
  | 'canceled';

export interface UseImageToVideoOptions {
  /** Default: the provider's, else the proxy transport on `/api/wavespeed`. */
  transport?: ImageToVideoTransport;
  /** Default: the host's, from `QueryClientProvider`. The library never creates one. */
  queryClient?: QueryClient;
  /** Default: the provider's, else `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Default: the provider's, else `'upload'` (`'data-uri'` when the transport cannot upload). */
  imageMode?: ImageMode;
  /** Resume watching a job (after a reload, say): save the id from `onSubmitted`, pass it back here. */
  predictionId?: string;
  /** The task was accepted. `input` is the body that was sent (the image as a URL). Latest render's function. */
  onSubmitted?: (prediction: Prediction, input: SubmitInput) => void;
  /** The video is ready. Latest render's function. */
  onCompleted?: (prediction: Prediction) => void;
  /** Any failure: invalid input, upload, submit, the task itself, deadline or stall. Not called for `cancel()`. Latest render's function. */
  onError?: (error: ImageToVideoError) => void;
}

export interface UseImageToVideoResult {
  status: ImageToVideoStatus;
  /** `uploading`, `submitting`, `queued` or `processing`. */
  isRunning: boolean;
  prediction: Prediction | undefined;
  predictionId: string | undefined;
  /** The first output, only if it is an http(s) URL. */
  videoUrl: string | undefined;
  error: ImageToVideoError | undefined;
  /** While `uploading`. */
  uploadProgress: UploadProgress | undefined;
  /** Epoch ms when the task was accepted (for a resumed job: its `created_at`). */
  submittedAt: number | undefined;
  /** Since `submittedAt`, as of this render; frozen once the job settles. It does not tick by itself: see `useElapsedTime`. */
  elapsedMs: number;
  /** The last submitted request, kept after a failure or cancel so nothing the user chose is lost. */
  input: ImageToVideoRequest | undefined;
  /**
   * Starts a job; resolves with the accepted prediction, or `undefined` when it did not get that
   * far. Never rejects: errors go to `error` and `onError`. While a job is running, another call
   * is ignored and returns the running job's promise (a double click starts one job).
   */
  submit(request: ImageToVideoRequest): Promise<Prediction | undefined>;
  /** Submits `input` again as a new job, reusing the already uploaded image. */
  retry(): Promise<Prediction | undefined>;
  /**
   * Stops watching and aborts requests in flight. WaveSpeed has no cancel endpoint: a task that
   * was already accepted may still run to the end, and be billed.
   */
  cancel(): void;
  /** Back to `idle`: forgets `input`, the prediction, and a `predictionId` being resumed. */
  reset(): void;
}

const RUNNING: ReadonlySet<ImageToVideoStatus> = new Set(['uploading', 'submitting', 'queued', 'processing']);
const SUBMIT_MUTATION_KEY = ['react-image-to-video', 'submit'] as const;
const SUBMIT_CONFLICT_RETRIES = 3;

/** What this hook instance is doing, as far as react-query cannot tell. */
interface Session {
  input: ImageToVideoRequest | undefined;
  /** From submit() until the run is accepted or fails: set at once, before the mutation says so. */
  starting: boolean;
  stage: 'uploading' | 'submitting' | undefined;
  uploadProgress: UploadProgress | undefined;
  canceledAt: number | undefined;
  /** A resumed `predictionId` the user has moved on from (new submit, cancel, reset). */
  dismissedResumeId: string | undefined;
}

const INITIAL_SESSION: Session = {
  input: undefined,
  starting: false,
  stage: undefined,
  uploadProgress: undefined,
  canceledAt: undefined,
  dismissedResumeId: undefined,
};

/** One submit, from the click to an accepted task (or not). */
interface Run {
  controller: AbortController;
  client: QueryClient;
  fingerprint: string;
  key: string;
  outcome: 'pending' | 'accepted' | 'failed';
  endedBy: 'cancel' | 'reset' | 'unmount' | undefined;
  promise: Promise<Prediction | undefined>;
}

/**
 * The whole job in one hook: submit an image and a prompt, watch the task, get the video URL.
 *
 * Exactly one upstream task per user intent: a second submit while one runs is ignored, every
 * intent carries its own idempotency key, and an identical request re-sent after an unmount
 * (Strict Mode, a remount) re-sends the same key. Unmounting stops polling and aborts requests.
 */
export function useImageToVideo(options: UseImageToVideoOptions = {}): UseImageToVideoResult {
  const config = useImageToVideoConfig();
  const client = useQueryClient(options.queryClient);
  const transport = options.transport ?? config.transport;
  const imageMode = resolveImageMode(options.imageMode ?? config.imageMode, transport);

  const [session, setSession] = useState<Session>(INITIAL_SESSION);
  const mutation = useMutation<Submission, ImageToVideoError, SubmissionVariables>(
    {
      mutationKey: SUBMIT_MUTATION_KEY,
      mutationFn: runSubmission,
      // Never blindly re-POST a submit (a second task bills twice), with one exception: a 409 is
      // the proxy saying the task for this very idempotency key is still being created, and
      // asking again with the same key can only return that task.
      retry: (failureCount, error) => error.status === 409 && failureCount < SUBMIT_CONFLICT_RETRIES,
      retryDelay: (failureCount, error) => error.retryAfterMs ?? 1000 * 2 ** failureCount,
      networkMode: 'always',
      // Its variables hold the chosen image and callbacks; the result lives on in this hook's
      // observer, so a replaced mutation need not sit in the host's cache for 5 minutes.
      gcTime: PREDICTION_GC_TIME_MS,
    },
    client,
  );
  const accepted = mutation.data;

  const resumeId =
    options.predictionId !== undefined && options.predictionId !== session.dismissedResumeId
      ? options.predictionId
      : undefined;
  const canceled = session.canceledAt !== undefined;
  const starting = session.starting && !canceled;
  const watchedId =
    canceled || starting ? undefined : mutation.isSuccess ? accepted?.prediction.id : mutation.isIdle ? resumeId : undefined;

  const latest = useLatest({ options, transport, imageMode, client, session, resetMutation: mutation.reset });
  const watch = usePrediction(watchedId, {
    transport,
    queryClient: client,
    schedule: options.schedule ?? config.schedule,
    submittedAt: watchedId !== undefined && watchedId === accepted?.prediction.id ? accepted.acceptedAt : undefined,
    onCompleted: (prediction) => latest.current.options.onCompleted?.(prediction),
    onError: (error) => latest.current.options.onError?.(error),
  });

  let status: ImageToVideoStatus;
  let error: ImageToVideoError | undefined;
  if (canceled) status = 'canceled';
  else if (starting) status = session.stage ?? 'submitting';
  else if (mutation.isError) {
    status = 'failed';
    error = mutation.error;
  } else if (watchedId !== undefined) {
    status = watch.status === 'idle' ? 'queued' : watch.status;
    error = watch.error;
  } else status = 'idle';

  const acceptedNow = mutation.isSuccess && !starting ? accepted : undefined;
  const prediction = watch.prediction ?? acceptedNow?.prediction;
  const predictionId = watchedId ?? prediction?.id;
  const submittedAt = acceptedNow ? acceptedNow.acceptedAt : createdAtMs(watch.prediction);
  let elapsedMs = 0;
  if (submittedAt !== undefined) {
    // The contract is "as of this render": reading the clock here schedules no renders, and the
    // value only matters while running (a settled job uses the time it settled).
    // eslint-disable-next-line react-hooks/purity
    const until = canceled ? session.canceledAt : (watch.settledAt ?? Date.now());
    elapsedMs = Math.max(0, (until ?? submittedAt) - submittedAt);
  }

  // Refs the callbacks read synchronously, ahead of the next render.
  const runRef = useRef<Run | undefined>(undefined);
  const statusRef = useLatest(status);
  const predictionRef = useLatest(prediction);
  /** Set by cancel()/reset() until the next submit: the rendered status may still say "running". */
  const stoppedRef = useRef(false);
  const mountedRef = useRef(false);

  const isBusy = useCallback((): boolean => {
    const run = runRef.current;
    if (run?.outcome === 'pending') return true;
    if (stoppedRef.current || run?.outcome === 'failed') return false;
    return RUNNING.has(statusRef.current);
  }, [statusRef]);

  const start = useCallback(
    (request: ImageToVideoRequest, intent: 'submit' | 'retry'): Promise<Prediction | undefined> => {
      if (isBusy()) return runRef.current?.promise ?? Promise.resolve(predictionRef.current);
      const l = latest.current;
      const now = Date.now();
      const fingerprint = intentFingerprint(request);
      const key =
        intent === 'retry'
          ? intentKeys.fresh(l.client, fingerprint, now)
          : intentKeys.claim(l.client, fingerprint, now);
      const controller = new AbortController();
      const run: Run = {
        controller,
        client: l.client,
        fingerprint,
        key,
        outcome: 'pending',
        endedBy: undefined,
        promise: Promise.resolve(undefined),
      };
      runRef.current = run;
      stoppedRef.current = false;
      const isCurrent = () => runRef.current === run;
      setSession({ ...INITIAL_SESSION, input: request, starting: true, dismissedResumeId: l.options.predictionId });
      const settle = () => {
        if (isCurrent()) setSession((s) => ({ ...s, starting: false, stage: undefined, uploadProgress: undefined }));
      };

      run.promise = mutation
        .mutateAsync({
          request,
          transport: l.transport,
          imageMode: l.imageMode,
          client: l.client,
          idempotencyKey: key,
          signal: controller.signal,
          onUploadStart: () => {
            if (isCurrent()) setSession((s) => ({ ...s, stage: 'uploading' }));
          },
          onUploadProgress: (uploadProgress) => {
            if (isCurrent()) setSession((s) => ({ ...s, uploadProgress }));
          },
          onSubmitStart: () => {
            if (isCurrent()) setSession((s) => ({ ...s, stage: 'submitting', uploadProgress: undefined }));
          },
        })
        .then(
          (submission) => {
            run.outcome = 'accepted';
            intentKeys.release(run.client, fingerprint, key);
            settle();
            if (!isCurrent() || run.endedBy !== undefined) return undefined;
            latest.current.options.onSubmitted?.(submission.prediction, submission.input);
            return submission.prediction;
          },
          (failure: unknown) => {
            run.outcome = 'failed';
            settle();
            // An intent cut off by an unmount stays adoptable: its POST may have created the task.
            if (run.endedBy !== 'unmount') intentKeys.release(run.client, fingerprint, key);
            if (!isCurrent() || run.endedBy !== undefined) return undefined;
            if (failure instanceof ImageToVideoError) latest.current.options.onError?.(failure);
            return undefined;
          },
        );
      return run.promise;
    },
    // `mutation` changes identity every render; only its stable mutateAsync is used.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [isBusy, latest, predictionRef, mutation.mutateAsync],
  );

  const submit = useCallback((request: ImageToVideoRequest) => start(request, 'submit'), [start]);

  const retry = useCallback(() => {
    const input = latest.current.session.input;
    if (input === undefined) {
      if (process.env.NODE_ENV !== 'production') {
        console.warn('[react-image-to-video] retry() was called before anything was submitted.');
      }
      return Promise.resolve(undefined);
    }
    return start(input, 'retry');
  }, [latest, start]);

  /** Aborts the run in flight; its key is spent unless an unmount cut it off. */
  const stopRun = useCallback((endedBy: NonNullable<Run['endedBy']>) => {
    const run = runRef.current;
    if (!run) return;
    run.endedBy ??= endedBy;
    if (run.outcome === 'pending') run.controller.abort();
    if (endedBy !== 'unmount') intentKeys.release(run.client, run.fingerprint, run.key);
  }, []);

  const cancel = useCallback(() => {
    if (!isBusy()) return;
    stopRun('cancel');
    runRef.current = undefined;
    stoppedRef.current = true;
    const canceledAt = Date.now();
    const dismissedResumeId = latest.current.options.predictionId;
    // Watching stops when the hook re-renders without an id; react-query then aborts the read in flight.
    setSession((s) => ({ ...s, starting: false, stage: undefined, uploadProgress: undefined, canceledAt, dismissedResumeId }));
  }, [isBusy, latest, stopRun]);

  const reset = useCallback(() => {
    stopRun('reset');
    runRef.current = undefined;
    stoppedRef.current = true;
    latest.current.resetMutation();
    setSession({ ...INITIAL_SESSION, dismissedResumeId: latest.current.options.predictionId });
  }, [latest, stopRun]);

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      // Strict Mode runs this cleanup and the setup again synchronously: abort only if no setup
      // followed, so a submit started in a Strict Mode effect is not killed by its rehearsal.
      queueMicrotask(() => {
        if (!mountedRef.current) stopRun('unmount');
      });
    };
  }, [stopRun]);

  return {
    status,
    isRunning: RUNNING.has(status),
    prediction,
    predictionId,
    videoUrl: status === 'completed' ? watch.videoUrl : undefined,
    error,
    uploadProgress: status === 'uploading' ? session.uploadProgress : undefined,
    submittedAt,
    elapsedMs,
    input: session.input,
    submit,
    retry,
    cancel,
    reset,
  };
}
