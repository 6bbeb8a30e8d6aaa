import { isHttpUrl } from './isHttpUrl';
import type { Prediction } from './predictionSchema';

/** The first output, only when it is an http(s) URL: anything else must never reach a `<video src>`. */
export function videoUrlOf(prediction: Prediction | undefined): string | undefined {
  const first = prediction?.outputs[0];
  return first !== undefined && isHttpUrl(first) ? first : undefined;
}
