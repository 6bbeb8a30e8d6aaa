import type { Prediction } from './predictionSchema';

/** The prediction's `created_at` (server clock) as epoch ms, when it has a readable one. */
export function createdAtMs(prediction: Prediction | undefined): number | undefined {
  const ms = prediction?.createdAt === undefined ? Number.NaN : Date.parse(prediction.createdAt);
  return Number.isFinite(ms) ? ms : undefined;
}
