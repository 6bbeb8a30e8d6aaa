import { ImageToVideoError } from './ImageToVideoError';

/** Wraps anything thrown (an abort, a fetch `TypeError`) as an error value. */
export function toImageToVideoError(error: unknown): ImageToVideoError {
  if (error instanceof ImageToVideoError) return error;
  // Abort errors are DOMExceptions in browsers and Node, plain Errors in some polyfills.
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return name === 'TimeoutError'
      ? new ImageToVideoError('timeout', 'The request took too long.', { cause: error })
      : new ImageToVideoError('canceled', 'The request was canceled.', { cause: error });
  }
  if (error instanceof TypeError) {
    return new ImageToVideoError('network', 'The server could not be reached.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ImageToVideoError('network', message || 'The request failed.', { cause: error });
}
