import { ImagePreflightError } from './ImagePreflightError';

/** An image URL as the browser loaded it. */
export interface LoadedUrlImage {
  width: number;
  height: number;
  /**
   * Its pixels as a file, to frame and re-encode like a chosen file; absent when the image's
   * origin does not allow reading them (no CORS), so the URL can only be sent as it is.
   */
  file?: File;
}

/** Options of `loadImageUrl`. */
export interface LoadImageUrlOptions {
  /** Stops the load (and rejects with the signal's reason), for a choice the user has replaced. */
  signal?: AbortSignal;
}

function load(url: string, cors: boolean, signal?: AbortSignal): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    // An abort that came first fires no event: the load would run for a choice already replaced.
    if (signal?.aborted) return reject(signal.reason);
    const image = new Image();
    if (cors) image.crossOrigin = 'anonymous';
    const abort = () => {
      image.src = '';
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    image.onload = () => {
      signal?.removeEventListener('abort', abort);
      resolve(image);
    };
    image.onerror = () => {
      signal?.removeEventListener('abort', abort);
      reject(new ImagePreflightError('not-image', 'The address did not load as an image.'));
    };
    image.src = url;
  });
}

/**
 * Loads an image URL in the browser before it counts as chosen: something that is not an image
 * (or does not load) is refused here rather than billed upstream. Where the origin allows it
 * (CORS), the pixels are read back as a file so the image can be framed like an uploaded one.
 */
export async function loadImageUrl(url: string, options: LoadImageUrlOptions = {}): Promise<LoadedUrlImage> {
  const { signal } = options;
  let image: HTMLImageElement;
  let readable = true;
  try {
    image = await load(url, true, signal);
  } catch (error) {
    if (!(error instanceof ImagePreflightError)) throw error;
    // Often only CORS refused: load it for display and measuring, without its pixels.
    image = await load(url, false, signal);
    readable = false;
  }
  const width = image.naturalWidth;
  const height = image.naturalHeight;
  if (!readable || typeof OffscreenCanvas === 'undefined') return { width, height };
  let blob: Blob;
  try {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(image, 0, 0);
    // A near-lossless intermediate: the preflight re-encodes it once more, framed.
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
  } catch {
    // A tainted canvas (a redirect to another origin, say): show it, send the URL as it is.
    signal?.throwIfAborted();
    return { width, height };
  }
  signal?.throwIfAborted();
  const name = new URL(url).pathname.split('/').pop() || 'image';
  return { width, height, file: new File([blob], name, { type: blob.type }) };
}
