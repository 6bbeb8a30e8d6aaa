import { ImageToVideoError } from './ImageToVideoError';

/** Reads a Blob as a base64 data URI with FileReader: browser-safe, no Node Buffer. */
export function blobToDataUri(blob: Blob, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const canceled = () => new ImageToVideoError('canceled', 'Reading the image was canceled.');
    if (signal?.aborted) {
      reject(canceled());
      return;
    }
    const reader = new FileReader();
    const onAbort = () => {
      reader.abort();
      reject(canceled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    reader.onload = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(String(reader.result));
    };
    reader.onerror = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        new ImageToVideoError('invalid-input', 'The image file could not be read.', {
          fieldErrors: { image: ['The image file could not be read.'] },
          cause: reader.error,
        }),
      );
    };
    reader.readAsDataURL(blob);
  });
}
