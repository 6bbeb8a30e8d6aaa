import { QueryObserver, type QueryClient, type QueryObserverResult } from '@tanstack/react-query';
import { errorFromTask } from '../core/errorFromTask';
import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';
import type { Prediction } from '../core/predictionSchema';
import { videoUrlOf } from '../core/videoUrlOf';
import { predictionQueryOptions, type PredictionQueryKey } from './predictionQueryOptions';

/** Where a watched prediction stands. `queued` also covers "id known, first read not back yet". */
export type PredictionWatchStatus = 'idle' | 'queued' | 'processing' | 'completed' | 'failed';

export interface PredictionSnapshot {
  status: PredictionWatchStatus;
  /** The last prediction read; kept (same reference) while polls bring nothing new. */
  prediction: Prediction | undefined;
  /** The first output, only if it is an http(s) URL. */
  videoUrl: string | undefined;
  error: ImageToVideoError | undefined;
  /** Epoch ms when this client saw the job settle (`completed` or `failed`). */
  settledAt: number | undefined;
}

export interface PredictionObserverOptions {
  /** How the status is read. */
  transport: ImageToVideoTransport;
  /** Default `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Epoch ms when the task was accepted; the deadline counts from here. Default the prediction's `created_at`. */
  submittedAt?: number;
  /** Wall times of recently finished jobs like this one, so polls get dense when a finish is likely. */
  recentDurationsMs?: readonly number[];
  /** Called once per prediction, on the read that saw it complete with a playable video. */
  onCompleted?: (prediction: Prediction) => void;
  /** Called once per failure (task failed, deadline, stall, non-retryable read error), on the read that saw it. */
  onError?: (error: ImageToVideoError) => void;
}

type Result = QueryObserverResult<Prediction, ImageToVideoError>;

const IDLE: PredictionSnapshot = Object.freeze({
  status: 'idle',
  prediction: undefined,
  videoUrl: undefined,
  error: undefined,
  settledAt: undefined,
});

function sameSnapshot(a: PredictionSnapshot, b: PredictionSnapshot): boolean {
  return (
    a.status === b.status &&
    a.prediction === b.prediction &&
    a.videoUrl === b.videoUrl &&
    a.error === b.error &&
    a.settledAt === b.settledAt
  );
}

/**
 * Watches one prediction id at a time until it finishes, React-free: a react-query `QueryObserver`
 * on `predictionQueryOptions`, folded into one snapshot whose identity changes only when a field
 * does (so `useSyncExternalStore` renders nothing for a poll that brought nothing new). The
 * callbacks run on the transition itself, once per outcome, and only while someone subscribes.
 */
export class PredictionObserver {
  readonly #query: QueryObserver<Prediction, ImageToVideoError, Prediction, Prediction, PredictionQueryKey>;
  readonly #client: QueryClient;
  readonly #listeners = new Set<() => void>();
  #options: PredictionObserverOptions;
  #predictionId: string | undefined;
  #snapshot: PredictionSnapshot = IDLE;
  #unsubscribeQuery: (() => void) | undefined;
  /** The last outcome the callbacks were told about (a prediction or an error object). */
  #reported: unknown;
  /** The task error derived from one prediction object, kept so the snapshot stays stable. */
  #taskError: { for: Prediction; error: ImageToVideoError | undefined } | undefined;

  constructor(client: QueryClient, options: PredictionObserverOptions, predictionId?: string) {
    this.#client = client;
    this.#options = options;
    this.#predictionId = predictionId;
    this.#query = new QueryObserver(client, this.#queryOptions());
    this.#snapshot = this.#compute(this.#query.getCurrentResult(), predictionId);
  }

  get predictionId(): string | undefined {
    return this.#predictionId;
  }

  /** For `useSyncExternalStore`. Bound, so it can be passed as is. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#mount();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#unmount();
    };
  };

  /** For `useSyncExternalStore`: the same object until something shown changes. */
  getSnapshot = (): PredictionSnapshot => this.#snapshot;

  /**
   * What the snapshot would be for another id, without switching to it: lets a render show the
   * id it was given before its effect calls `setOptions` (react-query's optimistic result).
   */
  getOptimisticSnapshot(predictionId: string | undefined): PredictionSnapshot {
    if (predictionId === this.#predictionId) return this.#snapshot;
    return this.#compute(
      this.#query.getOptimisticResult(this.#client.defaultQueryOptions(this.#queryOptions(predictionId))),
      predictionId,
    );
  }

  /** New options, or another id to watch (`undefined` watches nothing). Callbacks take effect at once. */
  setOptions(options: PredictionObserverOptions, predictionId: string | undefined): void {
    const previous = this.#options;
    this.#options = options;
    const changed =
      predictionId !== this.#predictionId ||
      options.transport !== previous.transport ||
      options.schedule !== previous.schedule ||
      options.submittedAt !== previous.submittedAt ||
      options.recentDurationsMs !== previous.recentDurationsMs;
    if (!changed) return;
    this.#predictionId = predictionId;
    // Switching keys removes this observer from the old query; react-query aborts its read in flight.
    this.#query.setOptions(this.#queryOptions());
    this.#update(this.#query.getCurrentResult());
  }

  /** Reads the status now, outside the schedule (after a timeout, say). */
  refetch = async (): Promise<void> => {
    if (this.#predictionId === undefined) return;
    await this.#query.refetch();
  };

  #queryOptions(predictionId = this.#predictionId) {
    const { transport, schedule, submittedAt, recentDurationsMs } = this.#options;
    return predictionQueryOptions({ transport, predictionId, submittedAt, schedule, recentDurationsMs });
  }

  #mount(): void {
    this.#unsubscribeQuery = this.#query.subscribe((result) => this.#update(result));
    this.#update(this.#query.getCurrentResult());
    // An outcome already known before anyone watched (a finished job in the cache) is news too.
    this.#report(this.#snapshot);
  }

  #unmount(): void {
    this.#unsubscribeQuery?.();
    this.#unsubscribeQuery = undefined;
  }

  #update(result: Result): void {
    const next = this.#compute(result, this.#predictionId);
    if (sameSnapshot(next, this.#snapshot)) return;
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
    // After the listeners: a callback that reads an owner's snapshot sees the new state.
    if (this.#unsubscribeQuery) this.#report(next);
  }

  #report(snapshot: PredictionSnapshot): void {
    const outcome = snapshot.status === 'completed' ? snapshot.prediction : snapshot.status === 'failed' ? snapshot.error : undefined;
    if (outcome === undefined || outcome === this.#reported) return;
    this.#reported = outcome;
    if (snapshot.status === 'completed') this.#options.onCompleted?.(snapshot.prediction!);
    else this.#options.onError?.(snapshot.error!);
  }

  #taskErrorOf(data: Prediction): ImageToVideoError | undefined {
    if (this.#taskError?.for === data) return this.#taskError.error;
    let error: ImageToVideoError | undefined;
    if (data.status === 'failed') error = errorFromTask(data);
    else if (data.status === 'completed' && videoUrlOf(data) === undefined) {
      error = new ImageToVideoError('bad-response', 'The task finished without a playable video URL.');
    }
    this.#taskError = { for: data, error };
    return error;
  }

  #compute(result: Result, predictionId: string | undefined): PredictionSnapshot {
    if (predictionId === undefined) return IDLE;
    const data = result.data;
    const taskError = data === undefined ? undefined : this.#taskErrorOf(data);
    let status: PredictionWatchStatus;
    let error: ImageToVideoError | undefined;
    let settledAt: number | undefined;
    if (data?.status === 'completed' && taskError === undefined) {
      status = 'completed';
      settledAt = result.dataUpdatedAt;
    } else if (taskError !== undefined) {
      status = 'failed';
      error = taskError;
      settledAt = result.dataUpdatedAt;
    } else if (result.error) {
      status = 'failed';
      error = result.error;
      settledAt = result.errorUpdatedAt;
    } else {
      status = data?.status === 'processing' ? 'processing' : 'queued';
    }
    return { status, prediction: data, videoUrl: videoUrlOf(data), error, settledAt };
  }
}
