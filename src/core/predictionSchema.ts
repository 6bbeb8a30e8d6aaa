import * as z from 'zod/mini';

/**
 * A prediction's state, normalized: every upstream status other than the three working/done ones
 * (`cancelled`, `timeout`, `deleted`, anything new) reads as `failed`; the original is kept in
 * `upstreamStatus`.
 */
export type PredictionStatus = 'created' | 'processing' | 'completed' | 'failed';

const KNOWN: readonly string[] = ['created', 'processing', 'completed', 'failed'];

function normalizeStatus(status: string): PredictionStatus {
  return KNOWN.includes(status) ? (status as PredictionStatus) : 'failed';
}

/** Drops what is not a number, so a lenient field never fails the whole parse. */
const lenientNumber = z.catch(
  z.optional(
    z.pipe(
      z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]),
      z.transform((value) => Number(value)),
    ),
  ),
  undefined,
);
const lenientString = z.catch(z.optional(z.string()), undefined);

/**
 * A WaveSpeed prediction. Strict on `id` and `status` (the UI cannot live without them), lenient
 * elsewhere: a missing or malformed optional field becomes its empty value instead of an error.
 */
export const predictionSchema = z.pipe(
  z.object({
    id: z.string().check(z.minLength(1)),
    status: z.string().check(z.minLength(1)),
    model: lenientString,
    outputs: z.catch(z._default(z.array(z.string()), []), []),
    has_nsfw_contents: z.catch(z._default(z.array(z.boolean()), []), []),
    urls: z.catch(z.optional(z.object({ get: lenientString })), undefined),
    created_at: lenientString,
    error: lenientString,
    code: lenientNumber,
    timings: z.catch(z.optional(z.object({ inference: lenientNumber })), undefined),
  }),
  z.transform(({ status, urls, timings, created_at, has_nsfw_contents, error, ...rest }) => ({
    ...rest,
    status: normalizeStatus(status),
    upstreamStatus: status,
    nsfwFlags: has_nsfw_contents,
    createdAt: created_at,
    /** Empty upstream text means "no error". */
    error: error ? error : undefined,
    resultUrl: urls?.get,
    inferenceMs: timings?.inference,
  })),
);

export type Prediction = z.output<typeof predictionSchema>;

