import type { Prediction } from '../core/predictionSchema';

/** The first output, only when it is an http(s) URL: anything else must never reach a `<video src>`. */
export function videoUrlOf(prediction: Prediction | undefined): string | undefined {
  const first = prediction?.outputs[0];
  if (first === undefined) return undefined;
  try {
    const url = new URL(first);
    return url.protocol === 'https:' || url.protocol === 'http:' ? first : undefined;
  } catch {
    return undefined;
  }
}
