import type { MutationObserver, QueryClient } from '@tanstack/react-query';
import { createdAtMs } from '../core/createdAtMs';
import { estimateFinish } from '../core/estimateFinish';
import type { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageMode } from '../core/ImageMode';
import type { ImageToVideoRequest } from '../core/ImageToVideoRequest';
import type { ImageToVideoStatus } from '../core/ImageToVideoStatus';
import type { ImageToVideoTransport, UploadProgress } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';
import type { Prediction } from '../core/predictionSchema';
import { resolveImageMode } from '../core/resolveImageMode';
import type { SubmitInput } from '../core/submitInputSchema';
import { toImageToVideoError } from '../core/toImageToVideoError';
import { intentFingerprint, intentKeys } from './intentKeys';
import { PredictionObserver, type PredictionObserverOptions } from './PredictionObserver';
import { recentDurations } from './recentDurations';
import { loadJobSteps } from './loadJobSteps';
import type { Submission, SubmissionVariables } from './runSubmission';

export interface ImageToVideoObserverOptions {
  /** How requests reach WaveSpeed. */
  transport: ImageToVideoTransport;
  /** Default `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Default `'upload'` (`'data-uri'` when the transport cannot upload). */
  imageMode?: ImageMode;
  /** The task was accepted. `input` is the body that was sent (the image as a URL). */
  onSubmitted?: (prediction: Prediction, input: SubmitInput) => void;
  /** The video is ready. */
  onCompleted?: (prediction: Prediction) => void;
  /** Any failure: invalid input, upload, submit, the task itself, deadline or stall. Not called for `cancel()`. */
  onError?: (error: ImageToVideoError) => void;
}

/** Everything a view shows about the job; a new object only when one of its fields changes. */
export interface ImageToVideoSnapshot {
  status: ImageToVideoStatus;
  /** `uploading`, `submitting`, `queued` or `processing`. */
  isRunning: boolean;
  prediction: Prediction | undefined;
  predictionId: string | undefined;
  /** The first output, only if it is an http(s) URL, and only once `completed`. */
  videoUrl: string | undefined;
  error: ImageToVideoError | undefined;
  /** While `uploading`. */
  uploadProgress: UploadProgress | undefined;
  /** The last submitted request, kept after a failure or cancel so nothing the user chose is lost. */
  input: ImageToVideoRequest | undefined;
  /** Epoch ms when the task was accepted (for a resumed job: its `created_at`). */
  submittedAt: number | undefined;
  /** Epoch ms when this client saw the job end: completed, failed or canceled. */
  settledAt: number | undefined;
  /**
   * When this job is likely to finish, in ms after `submittedAt`: this browser's own recent jobs of
   * the same duration once it has 3, else the proxy's window from everyone's recent jobs (sent
   * with the submit's answer), else `undefined` (nothing measured yet). Fixed for the job's life.
   */
  estimateMs: readonly [number, number] | undefined;
}

const RUNNING: ReadonlySet<ImageToVideoStatus> = new Set(['uploading', 'submitting', 'queued', 'processing']);
const DEFAULT_DURATION = 5;

/** One submit, from the click to an accepted task (or not). */
interface Run {
  controller: AbortController;
  fingerprint: string;
  key: string;
  duration: number;
  outcome: 'pending' | 'accepted' | 'failed';
  endedBy: 'cancel' | 'reset' | 'unmount' | undefined;
  promise: Promise<Prediction | undefined>;
}

/** The job as far as react-query cannot tell: which phase, and what the user asked for. */
interface State {
  phase: 'idle' | 'starting' | 'watching' | 'failed' | 'canceled';
  input: ImageToVideoRequest | undefined;
  stage: 'uploading' | 'submitting' | undefined;
  uploadProgress: UploadProgress | undefined;
  /** The accepted task of our own submit (not set for a resumed id). */
  accepted: Submission | undefined;
  /** A submit's failure (the watcher holds the task's own). */
  error: ImageToVideoError | undefined;
  /** The prediction last shown, kept across `cancel()`. */
  kept: Prediction | undefined;
  /** When `failed` (submit) or `canceled` began. */
  endedAt: number | undefined;
  /** See `ImageToVideoSnapshot.estimateMs`; kept across `cancel()`. */
  estimateMs: readonly [number, number] | undefined;
}

const INITIAL: State = {
  phase: 'idle',
  input: undefined,
  stage: undefined,
  uploadProgress: undefined,
  accepted: undefined,
  error: undefined,
  kept: undefined,
  endedAt: undefined,
  estimateMs: undefined,
};

function sameSnapshot(a: ImageToVideoSnapshot, b: ImageToVideoSnapshot): boolean {
  for (const key of Object.keys(a) as (keyof ImageToVideoSnapshot)[]) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * The whole image-to-video job as a plain class, React-free, the way react-query keeps its own
 * engine: submit an image and a prompt, watch the task, get the video URL. Hooks are thin
 * adapters over it (`subscribe`/`getSnapshot` for `useSyncExternalStore`).
 *
 * - Exactly one upstream task per user intent: a second submit while one runs is ignored, every
 *   intent carries its own idempotency key, and an identical request re-sent after an unmount (a
 *   remount) re-sends the same key, so the proxy answers with the task the first try created.
 * - Callbacks run on the transition itself, exactly once, never from a render or an effect.
 * - Lifecycle in one place: when the last subscriber leaves, the run in flight is aborted and
 *   polling stops after a 0 ms timer, which a subscriber arriving meanwhile cancels (Strict Mode's
 *   rehearsal unsubscribes and subscribes again at once), as react-query schedules its gc.
 */
export class ImageToVideoObserver {
  readonly #client: QueryClient;
  /** Created on the first submit, with the code it runs (see loadJobSteps). */
  #submission: MutationObserver<Submission, ImageToVideoError, SubmissionVariables> | undefined;
  readonly #watcher: PredictionObserver;
  readonly #listeners = new Set<() => void>();
  #options: ImageToVideoObserverOptions;
  #state: State = INITIAL;
  #run: Run | undefined;
  #snapshot: ImageToVideoSnapshot;
  #unsubscribeWatcher: (() => void) | undefined;
  #teardownTimer: ReturnType<typeof setTimeout> | undefined;
  /** The schedule with the job's estimate as its prior, kept so its identity changes only with them. */
  #estimatedSchedule: { base: PollScheduleOptions | undefined; estimate: readonly [number, number]; schedule: PollScheduleOptions } | undefined;

  /** `predictionId`: resume watching that job at once (see `resume`). */
  constructor(client: QueryClient, options: ImageToVideoObserverOptions, predictionId?: string) {
    this.#client = client;
    this.#options = options;
    if (predictionId !== undefined) this.#state = { ...INITIAL, phase: 'watching' };
    this.#watcher = new PredictionObserver(client, this.#watchOptions(undefined, undefined), predictionId);
    this.#snapshot = this.#compute();
  }

  /** For `useSyncExternalStore`. Bound, so it can be passed as is. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    clearTimeout(this.#teardownTimer);
    this.#teardownTimer = undefined;
    this.#unsubscribeWatcher ??= this.#watcher.subscribe(() => this.#update());
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size > 0 || this.#teardownTimer !== undefined) return;
      this.#teardownTimer = setTimeout(() => {
        this.#teardownTimer = undefined;
        this.#teardown();
      }, 0);
    };
  };

  /** For `useSyncExternalStore`: the same object until something shown changes. */
  getSnapshot = (): ImageToVideoSnapshot => this.#snapshot;

  /** Replaces transport, schedule, image mode and callbacks; callbacks take effect at once. */
  setOptions(options: ImageToVideoObserverOptions): void {
    const previous = this.#options;
    this.#options = options;
    if (options.transport !== previous.transport || options.schedule !== previous.schedule) {
      this.#watcher.setOptions(this.#watchOptions(this.#state.accepted, this.#run?.duration), this.#watcher.predictionId);
    }
  }

  /**
   * Starts a job; resolves with the accepted prediction, or `undefined` when it did not get that
   * far. Never rejects: errors go to the snapshot and `onError`. While a job is running, another
   * call is ignored and returns the running job's promise (a double click starts one job).
   */
  submit = (request: ImageToVideoRequest): Promise<Prediction | undefined> => this.#start(request, 'submit');

  /** Submits `input` again as a new job (a new idempotency key), reusing the already uploaded image. */
  retry = (): Promise<Prediction | undefined> => {
    const input = this.#state.input;
    if (input === undefined) {
      if (process.env.NODE_ENV !== 'production') {
        console.warn('[react-image-to-video] retry() was called before anything was submitted.');
      }
      return Promise.resolve(undefined);
    }
    return this.#start(input, 'retry');
  };

  /**
   * Stops watching and aborts requests in flight; `status` becomes `canceled` and `input` stays.
   * Does nothing when no job runs. WaveSpeed has no cancel endpoint: a task that was already
   * accepted may still run to the end, and be billed.
   */
  cancel = (): void => {
    if (!this.#isBusy()) return;
    this.#stopRun('cancel');
    const kept = this.#watcher.getSnapshot().prediction ?? this.#state.accepted?.prediction;
    this.#watch(undefined, undefined, {
      ...this.#state,
      phase: 'canceled',
      stage: undefined,
      uploadProgress: undefined,
      kept,
      endedAt: Date.now(),
    });
  };

  /** Back to `idle`: forgets `input`, the prediction, and a job being resumed. */
  reset = (): void => {
    this.#stopRun('reset');
    this.#submission?.reset();
    this.#watch(undefined, undefined, INITIAL);
  };

  /**
   * Watches an existing job (after a reload, say: save the id from `onSubmitted`) instead of
   * whatever this observer was doing, which is stopped. Resuming the id already watched does nothing.
   */
  resume = (predictionId: string): void => {
    if (this.#state.phase === 'watching' && this.#watcher.predictionId === predictionId) return;
    this.#stopRun('reset');
    this.#submission?.reset();
    this.#watch(predictionId, undefined, { ...INITIAL, phase: 'watching' });
  };

  /**
   * Starts loading the code a submit runs (its steps, and the transport's own through
   * `transport.preload`), which is kept out of a page's first load, so the submit does not wait
   * for it. Call it once a submit is likely; the drop-in does when an image is chosen. Never throws.
   */
  preload = (): void => {
    loadJobSteps().catch(() => {});
    this.#options.transport.preload?.();
  };

  #watchOptions(accepted: Submission | undefined, duration: number | undefined): PredictionObserverOptions {
    return {
      transport: this.#options.transport,
      schedule: this.#scheduleFor(this.#state.estimateMs),
      submittedAt: accepted?.acceptedAt,
      recentDurationsMs: recentDurations.get(this.#client, duration ?? DEFAULT_DURATION),
      onCompleted: (prediction) => {
        const { accepted: ours } = this.#state;
        if (ours?.prediction.id === prediction.id && this.#run) {
          recentDurations.record(this.#client, this.#run.duration, Date.now() - ours.acceptedAt);
        }
        this.#options.onCompleted?.(prediction);
      },
      onError: (error) => this.#options.onError?.(error),
    };
  }

  /** Polls densely when this job is likely to finish, not when the built-in prior guesses. */
  #scheduleFor(estimate: readonly [number, number] | undefined): PollScheduleOptions | undefined {
    const base = this.#options.schedule;
    if (!estimate) return base;
    const memo = this.#estimatedSchedule;
    if (memo && memo.base === base && memo.estimate === estimate) return memo.schedule;
    const schedule = { ...base, expectedWindowMs: estimate };
    this.#estimatedSchedule = { base, estimate, schedule };
    return schedule;
  }

  /** Moves to `state`, watching `predictionId` (or nothing), and tells subscribers once. */
  #watch(predictionId: string | undefined, duration: number | undefined, state: State): void {
    this.#state = state;
    this.#watcher.setOptions(this.#watchOptions(state.accepted, duration), predictionId);
    this.#update();
  }

  #setState(patch: Partial<State>): void {
    this.#state = { ...this.#state, ...patch };
    this.#update();
  }

  #update(): void {
    const next = this.#compute();
    if (sameSnapshot(next, this.#snapshot)) return;
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }

  #compute(): ImageToVideoSnapshot {
    const s = this.#state;
    const w = this.#watcher.getSnapshot();
    let status: ImageToVideoStatus = 'idle';
    let error: ImageToVideoError | undefined;
    let settledAt: number | undefined;
    let prediction = s.accepted?.prediction;
    switch (s.phase) {
      case 'starting':
        status = s.stage ?? 'submitting';
        break;
      case 'failed':
        status = 'failed';
        error = s.error;
        settledAt = s.endedAt;
        break;
      case 'canceled':
        status = 'canceled';
        prediction = s.kept;
        settledAt = s.endedAt;
        break;
      case 'watching':
        status = w.status === 'idle' ? 'queued' : w.status;
        error = w.error;
        settledAt = w.settledAt;
        prediction = w.prediction ?? prediction;
        break;
    }
    return {
      status,
      isRunning: RUNNING.has(status),
      prediction,
      predictionId: (s.phase === 'watching' ? this.#watcher.predictionId : undefined) ?? prediction?.id,
      videoUrl: status === 'completed' ? w.videoUrl : undefined,
      error,
      uploadProgress: status === 'uploading' ? s.uploadProgress : undefined,
      input: s.input,
      submittedAt: s.accepted?.acceptedAt ?? createdAtMs(prediction),
      settledAt,
      estimateMs: s.estimateMs,
    };
  }

  #isBusy(): boolean {
    if (this.#run?.outcome === 'pending') return true;
    return this.#state.phase === 'watching' && RUNNING.has(this.#compute().status);
  }

  #start(request: ImageToVideoRequest, intent: 'submit' | 'retry'): Promise<Prediction | undefined> {
    if (this.#isBusy()) return this.#run?.outcome === 'pending' ? this.#run.promise : Promise.resolve(this.#snapshot.prediction);
    const now = Date.now();
    const fingerprint = intentFingerprint(request);
    const key =
      intent === 'retry' ? intentKeys.fresh(this.#client, fingerprint, now) : intentKeys.claim(this.#client, fingerprint, now);
    const run: Run = {
      controller: new AbortController(),
      fingerprint,
      key,
      duration: request.duration ?? DEFAULT_DURATION,
      outcome: 'pending',
      endedBy: undefined,
      promise: Promise.resolve(undefined),
    };
    this.#run = run;
    this.#watch(undefined, undefined, { ...INITIAL, phase: 'starting', input: request });
    const current = () => this.#run === run && run.endedBy === undefined;
    const { transport } = this.#options;
    const variables: SubmissionVariables = {
      request,
      transport,
      imageMode: resolveImageMode(this.#options.imageMode, transport),
      client: this.#client,
      idempotencyKey: key,
      signal: run.controller.signal,
      onUploadStart: () => {
        if (current()) this.#setState({ stage: 'uploading' });
      },
      onUploadProgress: (uploadProgress) => {
        if (current()) this.#setState({ uploadProgress });
      },
      onSubmitStart: () => {
        if (current()) this.#setState({ stage: 'submitting', uploadProgress: undefined });
      },
    };
    run.promise = loadJobSteps()
      .then((steps) => (this.#submission ??= steps.createSubmissionMutation(this.#client)).mutate(variables))
      .then(
        (submission) => {
          run.outcome = 'accepted';
          // The result lives on here: let the mutation leave the host's cache after its gcTime.
          this.#submission?.reset();
          intentKeys.release(this.#client, fingerprint, key);
          if (!current()) return undefined;
          const estimateMs = estimateFinish(submission.expectedWindowMs, recentDurations.get(this.#client, run.duration));
          this.#watch(submission.prediction.id, run.duration, { ...INITIAL, phase: 'watching', input: request, accepted: submission, estimateMs });
          this.#options.onSubmitted?.(submission.prediction, submission.input);
          return submission.prediction;
        },
        (failure: unknown) => {
          run.outcome = 'failed';
          this.#submission?.reset();
          // An intent cut off by an unmount stays adoptable: its POST may have created the task.
          if (run.endedBy !== 'unmount') intentKeys.release(this.#client, fingerprint, key);
          if (!current()) return undefined;
          const error = toImageToVideoError(failure);
          this.#setState({ phase: 'failed', stage: undefined, uploadProgress: undefined, error, endedAt: Date.now() });
          this.#options.onError?.(error);
          return undefined;
        },
      );
    return run.promise;
  }

  /** Aborts the run in flight; its key is spent unless an unmount cut it off. */
  #stopRun(endedBy: NonNullable<Run['endedBy']>): void {
    const run = this.#run;
    if (!run) return;
    this.#run = undefined;
    run.endedBy ??= endedBy;
    if (run.outcome === 'pending') run.controller.abort();
    if (endedBy !== 'unmount') intentKeys.release(this.#client, run.fingerprint, run.key);
  }

  /** Nobody has watched for a tick: abort the run in flight and stop polling. */
  #teardown(): void {
    const run = this.#run;
    if (run?.outcome === 'pending') {
      this.#stopRun('unmount');
      // Nobody sees this, but a later subscriber must not find a submit that will never end.
      this.#state = { ...INITIAL, input: this.#state.input };
      this.#snapshot = this.#compute();
    }
    this.#unsubscribeWatcher?.();
    this.#unsubscribeWatcher = undefined;
  }
}
