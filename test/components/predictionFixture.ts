import { predictionSchema, type Prediction } from '../../src/core/predictionSchema';

/** A prediction as WaveSpeed would send it, parsed by the real schema. */
export function prediction(fields: Record<string, unknown>): Prediction {
  return predictionSchema.parse({ id: 'pred_1', status: 'created', ...fields });
}

export const VIDEO_URL = 'https://cdn.example.com/out/pred_1.mp4';
