import { ImageToVideoError, type ImageToVideoErrorKind } from './ImageToVideoError';
import type { Prediction } from './predictionSchema';

function kindForTask(code: number | undefined, upstreamStatus: string): ImageToVideoErrorKind {
  if (code === 1200) return 'content-moderated';
  if (code === 1402) return 'media-unreachable';
  if (code === 1400 || code === 1401) return 'invalid-input';
  if (code === 5000 || code === 5003) return 'upstream-unavailable';
  if (code === 5004 || upstreamStatus === 'timeout') return 'timeout';
  if (upstreamStatus === 'cancelled') return 'canceled';
  if (upstreamStatus === 'deleted') return 'expired';
  return 'task-failed';
}

/** The error a terminal, unsuccessful prediction stands for. */
export function errorFromTask(prediction: Prediction): ImageToVideoError {
  const kind = kindForTask(prediction.code, prediction.upstreamStatus);
  const message = prediction.error ?? `The task ended with status "${prediction.upstreamStatus}".`;
  return new ImageToVideoError(kind, message, {
    code: prediction.code,
    // A failed task is refunded; trying again makes sense unless the input itself is the problem.
    retryable: kind !== 'invalid-input' && kind !== 'content-moderated' && kind !== 'expired',
  });
}
