import { ImageToVideoError } from './ImageToVideoError';
import { errorFromTask } from './errorFromTask';
import type { Prediction } from './predictionSchema';

/**
 * The improved prompt in an optimizer prediction: its first output, which is text rather than a
 * URL. A failed task becomes its error; an unfinished or empty one is a `bad-response`, since the
 * proxy only answers once the optimizer is done.
 */
export function optimizedPromptOf(prediction: Prediction): string {
  if (prediction.status === 'failed') throw errorFromTask(prediction);
  const text = prediction.outputs[0]?.trim();
  if (prediction.status !== 'completed' || !text) {
    throw new ImageToVideoError('bad-response', 'The prompt optimizer answered without an improved prompt.');
  }
  return text;
}
