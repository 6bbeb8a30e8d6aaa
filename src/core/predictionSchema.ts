import * as z from 'zod/mini';
import { normalizePrediction } from './parsePrediction';

export type { Prediction, PredictionStatus } from './parsePrediction';

/**
 * A WaveSpeed prediction. Strict on `id` and `status` (the UI cannot live without them), lenient
 * elsewhere: a missing or malformed optional field becomes its empty value instead of an error.
 * The browser path reads predictions with `parsePrediction`, the same rules without zod.
 */
export const predictionSchema = z.pipe(
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    status: z.string().check(z.minLength(1)),
  }),
  z.transform(normalizePrediction),
);
