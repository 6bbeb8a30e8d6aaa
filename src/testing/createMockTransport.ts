import { errorFromResponse } from '../core/errorFromResponse';
import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport, OptimizePromptOptions, SubmitOptions, UploadOptions } from '../core/ImageToVideoTransport';
import { parsePromptOptimizerInput } from '../core/parsePromptOptimizerInput';
import type { PromptOptimizerInput, PromptOptimizerInputDraft } from '../core/promptOptimizerInputSchema';
import { predictionSchema, type Prediction } from '../core/predictionSchema';
import type { SubmitInput } from '../core/submitInputSchema';
import { simulatedPromptRewrite } from './simulatedPromptRewrite';

/**
 * One answer in a scripted timeline. Task states become parsed predictions; faults become the
 * same `ImageToVideoError` the proxy transport would produce for that HTTP answer.
 *
 * - `'created'` / `'processing'`: still working.
 * - `'completed'` or `{ status: 'completed', … }`: done, with `videoUrl(id)` as the output unless
 *   `outputs` is given; `nsfw` flags it; `expired` points it at a URL that no longer answers.
 * - `{ status: 'failed', code, error }`: the task failed with WaveSpeed's task code (1200 moderation…).
 * - `{ fault: 'rate-limited', retryAfterSeconds }`: a 429 with `Retry-After`.
 * - `{ fault: 'http', status, body? }`: any other HTTP error (a 503, a 402 "insufficient balance"…).
 * - `{ fault: 'dropped' }`: the connection broke before an answer (`network`).
 * - `{ fault: 'hang' }`: never answers until aborted.
 */
export type MockStep =
  | 'created'
  | 'processing'
  | 'completed'
  | { status: 'completed'; outputs?: string[]; nsfw?: boolean; expired?: boolean; inferenceMs?: number }
  | { status: 'failed'; code?: number; error?: string }
  | MockFault;

/** A request-level failure: what the HTTP layer answered instead of a result. */
export type MockFault =
  | { fault: 'rate-limited'; retryAfterSeconds?: number }
  | { fault: 'http'; status: number; body?: string; headers?: Record<string, string> }
  | { fault: 'dropped' }
  | { fault: 'hang' };

export interface MockTransportOptions {
  /**
   * What each task answers to successive status reads; the last step repeats. A function gets the
   * task's number (0 for the first task) so later tasks (a retry) can behave differently.
   * Default `['created', 'processing', 'completed']`.
   */
  timeline?: readonly MockStep[] | ((taskIndex: number) => readonly MockStep[]);
  /** Faults `submit` answers first, one per call, before it accepts. Default none. */
  submitFaults?: readonly MockFault[];
  /** Faults `upload` answers first, one per call. `false`: the transport has no `upload` (images go inline). */
  uploadFaults?: readonly MockFault[] | false;
  /**
   * Faults `optimizePrompt` answers first, one per call, before it answers the simulator's
   * deterministic rewrite. `false`: the transport has no `optimizePrompt`. Default none.
   */
  optimizeFaults?: readonly MockFault[] | false;
  /** The video URL of a completed task. Default `https://video.example/<id>.mp4`. */
  videoUrl?: (id: string) => string;
  /** Where an uploaded image is said to live. Default `https://media.example/<n>/<filename>`. */
  uploadUrl?: (index: number, file: Blob) => string;
  /** Delay before every answer, in ms (runs on the global timers, so fake timers control it). Default 0. */
  latencyMs?: number;
  /**
   * Tasks that exist before the test starts (submitted before a reload, or elsewhere), by id, with
   * what each answers to successive reads (the last step repeats). For resuming and watching by id.
   * They do not count in `taskCount`. Default none: reading an id nobody submitted answers 404.
   */
  tasks?: Readonly<Record<string, readonly MockStep[]>>;
}

/** What the mock transport saw, for assertions. */
export interface MockTransportCalls {
  submit: { input: SubmitInput; idempotencyKey: string }[];
  getResult: { id: string }[];
  upload: { file: Blob }[];
  /** Every call, with its input as validated (calls refused as invalid included). */
  optimizePrompt: { input: PromptOptimizerInputDraft; parsed?: PromptOptimizerInput }[];
}

export interface MockTransport extends ImageToVideoTransport {
  readonly calls: MockTransportCalls;
  /** Tasks created so far; a repeated idempotency key does not create one. */
  readonly taskCount: number;
}

const DEFAULT_TIMELINE: readonly MockStep[] = ['created', 'processing', 'completed'];

/**
 * A transport for tests that plays scripted timelines without any network: no MSW, no server.
 * Task answers are parsed by the real prediction schema and faults go through the real HTTP error
 * mapping, so the hooks see exactly what they would see from the proxy. One task per idempotency
 * key, aborts honoured.
 */
export function createMockTransport(options: MockTransportOptions = {}): MockTransport {
  const calls: MockTransportCalls = { submit: [], getResult: [], upload: [], optimizePrompt: [] };
  const optimizeFaults = options.optimizeFaults === false ? undefined : [...(options.optimizeFaults ?? [])];
  const submitFaults = [...(options.submitFaults ?? [])];
  const uploadFaults = options.uploadFaults === false ? undefined : [...(options.uploadFaults ?? [])];
  const videoUrl = options.videoUrl ?? ((id: string) => `https://video.example/${id}.mp4`);
  const uploadUrl = options.uploadUrl ?? ((index: number, file: Blob) => `https://media.example/${index}/${file instanceof File ? file.name : 'image'}`);
  type Task = { reads: number; createdAt: string; timeline: readonly MockStep[] };
  const tasks = new Map<string, Task>();
  const byKey = new Map<string, string>();
  const startedAt = new Date().toISOString();
  const existing = new Map<string, Task>(
    Object.entries(options.tasks ?? {}).map(([id, timeline]) => [id, { reads: 0, createdAt: startedAt, timeline: timeline.length > 0 ? timeline : DEFAULT_TIMELINE }]),
  );

  function timelineOf(index: number): readonly MockStep[] {
    const timeline = typeof options.timeline === 'function' ? options.timeline(index) : (options.timeline ?? DEFAULT_TIMELINE);
    return timeline.length > 0 ? timeline : DEFAULT_TIMELINE;
  }

  function settle<T>(signal: AbortSignal | undefined, work: () => Promise<T> | T, hang = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const aborted = () => reject(new ImageToVideoError('canceled', 'The request was canceled.'));
      if (signal?.aborted) return aborted();
      signal?.addEventListener('abort', aborted, { once: true });
      if (hang) return;
      const run = () => {
        if (signal?.aborted) return;
        Promise.resolve()
          .then(work)
          .then(resolve, reject)
          .finally(() => signal?.removeEventListener('abort', aborted));
      };
      if (options.latencyMs) setTimeout(run, options.latencyMs);
      else run();
    });
  }

  async function faultError(fault: Exclude<MockFault, { fault: 'hang' }>): Promise<ImageToVideoError> {
    if (fault.fault === 'dropped') {
      return new ImageToVideoError('network', 'The server could not be reached.', { cause: new TypeError('fetch failed') });
    }
    const response =
      fault.fault === 'rate-limited'
        ? Response.json({ code: 429, message: 'Too many requests.' }, { status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) } })
        : new Response(fault.body ?? JSON.stringify({ code: fault.status, message: `Simulated error ${fault.status}.` }), {
            status: fault.status,
            headers: { 'content-type': 'application/json', ...fault.headers },
          });
    return errorFromResponse(response);
  }

  function answerFault<T>(signal: AbortSignal | undefined, fault: MockFault): Promise<T> {
    if (fault.fault === 'hang') return settle<T>(signal, () => Promise.reject(new Error('unreachable')), true);
    return settle<T>(signal, async () => {
      throw await faultError(fault);
    });
  }

  function predictionOf(id: string, step: Exclude<MockStep, MockFault>, createdAt: string): Prediction {
    const base = { id, model: 'luma/ray-2-flash-i2v', created_at: createdAt, urls: { get: `https://api.example/predictions/${id}/result` } };
    if (step === 'created' || step === 'processing') return predictionSchema.parse({ ...base, status: step, outputs: [], error: '' });
    if (step === 'completed' || step.status === 'completed') {
      const detail: Extract<MockStep, { status: 'completed' }> = typeof step === 'string' ? { status: 'completed' } : step;
      const outputs = detail.outputs ?? [detail.expired ? `https://expired.invalid/${id}.mp4` : videoUrl(id)];
      return predictionSchema.parse({
        ...base,
        status: 'completed',
        outputs,
        has_nsfw_contents: outputs.map(() => detail.nsfw === true),
        timings: { inference: detail.inferenceMs ?? 3000 },
        error: '',
      });
    }
    return predictionSchema.parse({
      ...base,
      status: 'failed',
      outputs: [],
      code: step.code ?? 1403,
      error: step.error ?? `The task failed (code ${step.code ?? 1403}).`,
    });
  }

  const transport: MockTransport = {
    calls,
    get taskCount() {
      return tasks.size;
    },
    submit(input: SubmitInput, submitOptions: SubmitOptions) {
      calls.submit.push({ input, idempotencyKey: submitOptions.idempotencyKey });
      const fault = submitFaults.shift();
      if (fault) return answerFault(submitOptions.signal, fault);
      return settle(submitOptions.signal, () => {
        let id = byKey.get(submitOptions.idempotencyKey);
        if (!id) {
          id = `mock-${tasks.size + 1}`;
          byKey.set(submitOptions.idempotencyKey, id);
          tasks.set(id, { reads: 0, createdAt: new Date().toISOString(), timeline: timelineOf(tasks.size) });
        }
        return predictionOf(id, 'created', tasks.get(id)!.createdAt);
      });
    },
    getResult(id, readOptions) {
      calls.getResult.push({ id });
      const task = tasks.get(id) ?? existing.get(id);
      if (!task) return answerFault(readOptions?.signal, { fault: 'http', status: 404, body: JSON.stringify({ code: 404, message: 'Prediction not found.' }) });
      const { timeline } = task;
      const step = timeline[Math.min(task.reads, timeline.length - 1)]!;
      task.reads += 1;
      if (typeof step === 'object' && 'fault' in step) return answerFault(readOptions?.signal, step);
      return settle(readOptions?.signal, () => predictionOf(id, step, task.createdAt));
    },
  };
  if (uploadFaults) {
    transport.upload = (file: Blob, uploadOptions?: UploadOptions) => {
      calls.upload.push({ file });
      const fault = uploadFaults.shift();
      if (fault) return answerFault(uploadOptions?.signal, fault);
      return settle(uploadOptions?.signal, () => {
        uploadOptions?.onProgress?.({ loaded: Math.floor(file.size / 2), total: file.size });
        uploadOptions?.onProgress?.({ loaded: file.size, total: file.size });
        return { url: uploadUrl(calls.upload.length, file) };
      });
    };
  }
  if (optimizeFaults) {
    transport.optimizePrompt = (input: PromptOptimizerInputDraft, optimizeOptions?: OptimizePromptOptions) => {
      const call: MockTransportCalls['optimizePrompt'][number] = { input };
      calls.optimizePrompt.push(call);
      return settle(optimizeOptions?.signal, async () => {
        // Checked first, as the proxy transport does: invalid input never counts as a request.
        const parsed = parsePromptOptimizerInput(input);
        call.parsed = parsed;
        const fault = optimizeFaults.shift();
        if (fault) return answerFault<string>(optimizeOptions?.signal, fault);
        return simulatedPromptRewrite(parsed.text, parsed.style);
      });
    };
  }
  return transport;
}

