import { ImageToVideoError } from '../../src/core/ImageToVideoError';
import type {
  ImageToVideoTransport,
  SubmitOptions,
  UploadOptions,
} from '../../src/core/ImageToVideoTransport';
import { predictionSchema, type Prediction } from '../../src/core/predictionSchema';
import type { SubmitInput } from '../../src/core/submitInputSchema';

/** One scripted answer to a status read. */
export type ReadStep =
  | { status: 'created' | 'processing' }
  | { status: 'completed'; outputs?: string[] }
  | { status: 'failed'; error?: string; code?: number }
  | { error: ImageToVideoError }
  | { hang: true };

export interface ScriptedTransportOptions {
  /** Answers to `getResult`, in order; the last one repeats. Default: always `created`. */
  reads?: ReadStep[];
  /** What `submit` does: accept (default), reject, or hang until aborted. */
  submit?: 'accept' | 'hang' | ImageToVideoError;
  /** Rejections `submit` answers first, one per call, before behaving as `submit` says. */
  submitFailures?: ImageToVideoError[];
  /** What `upload` does: answer (default), hang until aborted, or reject. `false`: no upload method. */
  upload?: 'answer' | 'hang' | ImageToVideoError | false;
}

/** A prediction as the transport would return it: parsed by the real schema, not cast. */
export function makePrediction(id: string, step: ReadStep & { status: string }): Prediction {
  return predictionSchema.parse({
    id,
    status: step.status,
    model: 'luma/ray-2-flash-i2v',
    outputs: step.status === 'completed' ? (('outputs' in step ? step.outputs : undefined) ?? [`https://cdn.test/videos/${id}.mp4`]) : [],
    error: 'error' in step ? step.error : '',
    code: 'code' in step ? step.code : undefined,
    created_at: undefined,
  });
}

function abortable<T>(signal: AbortSignal | undefined, work: Promise<T> | 'hang'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ImageToVideoError('canceled', 'aborted'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (work !== 'hang') work.then(resolve, reject);
  });
}

/**
 * A small in-test transport that behaves like the proxy contract says: one task per idempotency
 * key, aborts honoured, reads answered from a script. It records every call and what is in flight.
 */
export function createScriptedTransport(options: ScriptedTransportOptions = {}) {
  const reads = [...(options.reads ?? [{ status: 'created' }])];
  const submitFailures = [...(options.submitFailures ?? [])];
  const tasksByKey = new Map<string, Prediction>();
  const calls = {
    submit: [] as { input: SubmitInput; options: SubmitOptions }[],
    getResult: [] as { id: string; at: number }[],
    upload: [] as { file: Blob }[],
  };
  /** Live counters: requests in flight, requests aborted, upstream tasks created (distinct keys). */
  const stats = { inFlight: 0, aborted: 0, tasks: 0 };

  async function track<T>(signal: AbortSignal | undefined, work: Promise<T> | 'hang'): Promise<T> {
    stats.inFlight++;
    const onAbort = () => stats.aborted++;
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await abortable(signal, work);
    } finally {
      stats.inFlight--;
      signal?.removeEventListener('abort', onAbort);
    }
  }

  const transport: ImageToVideoTransport = {
    submit(input, submitOptions) {
      calls.submit.push({ input, options: submitOptions });
      const failure = submitFailures.shift();
      if (failure) return track(submitOptions.signal, Promise.reject(failure));
      const behaviour = options.submit ?? 'accept';
      if (behaviour === 'hang') return track(submitOptions.signal, 'hang');
      if (behaviour instanceof ImageToVideoError) return track(submitOptions.signal, Promise.reject(behaviour));
      let prediction = tasksByKey.get(submitOptions.idempotencyKey);
      if (!prediction) {
        stats.tasks++;
        prediction = makePrediction(`task-${stats.tasks}`, { status: 'created' });
        tasksByKey.set(submitOptions.idempotencyKey, prediction);
      }
      return track(submitOptions.signal, Promise.resolve(prediction));
    },
    getResult(id, readOptions) {
      calls.getResult.push({ id, at: Date.now() });
      const step = reads.length > 1 ? reads.shift()! : reads[0]!;
      if ('hang' in step) return track(readOptions?.signal, 'hang');
      if ('error' in step && step.error instanceof ImageToVideoError) {
        return track(readOptions?.signal, Promise.reject(step.error));
      }
      return track(readOptions?.signal, Promise.resolve(makePrediction(id, step as ReadStep & { status: string })));
    },
  };
  if (options.upload !== false) {
    transport.upload = (file: Blob, uploadOptions?: UploadOptions) => {
      calls.upload.push({ file });
      const behaviour = options.upload ?? 'answer';
      if (behaviour === 'hang') {
        uploadOptions?.onProgress?.({ loaded: 1, total: file.size });
        return track(uploadOptions?.signal, 'hang');
      }
      if (behaviour instanceof ImageToVideoError) return track(uploadOptions?.signal, Promise.reject(behaviour));
      uploadOptions?.onProgress?.({ loaded: file.size, total: file.size });
      return track(uploadOptions?.signal, Promise.resolve({ url: `https://cdn.test/uploads/${calls.upload.length}.png` }));
    };
  }

  return {
    transport,
    calls,
    /** Replaces the remaining read script. */
    setReads(next: ReadStep[]) {
      reads.splice(0, reads.length, ...next);
    },
    stats,
  };
}
