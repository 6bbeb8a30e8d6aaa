/**
 * A prediction's state, normalized: every upstream status other than the three working/done ones
 * (`cancelled`, `timeout`, `deleted`, anything new) reads as `failed`; the original is kept in
 * `upstreamStatus`.
 */
export type PredictionStatus = 'created' | 'processing' | 'completed' | 'failed';

const KNOWN: readonly string[] = ['created', 'processing', 'completed', 'failed'];

// Lenient fields are read by hand: a malformed optional field becomes its empty value.
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const listOf = <T>(value: unknown, is: (item: unknown) => item is T): T[] =>
  Array.isArray(value) && value.every(is) ? value : [];
const isString = (item: unknown): item is string => typeof item === 'string';
const isBoolean = (item: unknown): item is boolean => typeof item === 'boolean';

function number(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** A WaveSpeed prediction, as `predictionSchema` and `parsePrediction` read it. */
export interface Prediction {
  id: string;
  status: PredictionStatus;
  /** The status exactly as WaveSpeed sent it. */
  upstreamStatus: string;
  model: string | undefined;
  outputs: string[];
  /** `nsfwFlags[i]` flags `outputs[i]`. */
  nsfwFlags: boolean[];
  createdAt: string | undefined;
  /** Empty upstream text means "no error". */
  error: string | undefined;
  /** WaveSpeed's task-level code on a failed task. */
  code: number | undefined;
  resultUrl: string | undefined;
  inferenceMs: number | undefined;
}

/** The normalizing half of `predictionSchema`: a raw prediction whose `id` and `status` were checked. */
export function normalizePrediction(raw: { id: string; status: string; [key: string]: unknown }): Prediction {
  const error = text(raw.error);
  return {
    id: raw.id,
    status: KNOWN.includes(raw.status) ? (raw.status as PredictionStatus) : 'failed',
    upstreamStatus: raw.status,
    model: text(raw.model),
    outputs: listOf(raw.outputs, isString),
    nsfwFlags: listOf(raw.has_nsfw_contents, isBoolean),
    createdAt: text(raw.created_at),
    error: error ? error : undefined,
    code: number(raw.code),
    resultUrl: text(record(raw.urls).get),
    inferenceMs: number(record(raw.timings).inference),
  };
}

/**
 * Reads a WaveSpeed prediction: strict on `id` and `status` (non-empty strings; the UI cannot live
 * without them), lenient elsewhere. `undefined` when it is not one. The same answers as
 * `predictionSchema` without zod, which the browser path does not load (see parseSubmitInput).
 */
export function parsePrediction(value: unknown): Prediction | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.id !== 'string' || raw.id === '' || typeof raw.status !== 'string' || raw.status === '') return undefined;
  return normalizePrediction(raw as { id: string; status: string });
}
