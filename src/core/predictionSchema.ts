import * as z from 'zod/mini';

/**
 * A prediction's state, normalized: every upstream status other than the three working/done ones
 * (`cancelled`, `timeout`, `deleted`, anything new) reads as `failed`; the original is kept in
 * `upstreamStatus`.
 */
export type PredictionStatus = 'created' | 'processing' | 'completed' | 'failed';

const KNOWN: readonly string[] = ['created', 'processing', 'completed', 'failed'];

// Lenient fields are read by hand rather than with `z.catch`, which alone would add ~4 KB gzip
// to every browser bundle for what four small guards do.
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

/**
 * A WaveSpeed prediction. Strict on `id` and `status` (the UI cannot live without them), lenient
 * elsewhere: a missing or malformed optional field becomes its empty value instead of an error.
 */
export const predictionSchema = z.pipe(
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    status: z.string().check(z.minLength(1)),
  }),
  z.transform((raw) => {
    const error = text(raw.error);
    return {
      id: raw.id,
      status: KNOWN.includes(raw.status) ? (raw.status as PredictionStatus) : 'failed',
      upstreamStatus: raw.status,
      model: text(raw.model),
      outputs: listOf(raw.outputs, isString),
      /** `nsfwFlags[i]` flags `outputs[i]`. */
      nsfwFlags: listOf(raw.has_nsfw_contents, isBoolean),
      createdAt: text(raw.created_at),
      /** Empty upstream text means "no error". */
      error: error ? error : undefined,
      /** WaveSpeed's task-level code on a failed task. */
      code: number(raw.code),
      resultUrl: text(record(raw.urls).get),
      inferenceMs: number(record(raw.timings).inference),
    };
  }),
);

export type Prediction = z.output<typeof predictionSchema>;
