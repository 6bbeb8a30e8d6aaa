import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport, UploadProgress } from '../core/ImageToVideoTransport';

interface SharedUpload {
  promise: Promise<string>;
  controller: AbortController;
  /** Set once the upload succeeded. */
  url: string | undefined;
  /** Callers still waiting; the upload is aborted only when the last of them gives up. */
  waiters: number;
  listeners: Set<(progress: UploadProgress) => void>;
}

export interface UploadImageOnceOptions {
  /** Stops this caller's wait; the upload itself goes on while another caller still waits for it. */
  signal: AbortSignal;
  /** Called when this caller has to wait for bytes to go up (not when the URL is already known). */
  onUploadStart?: () => void;
  onProgress?: (progress: UploadProgress) => void;
}

/** Per transport, per Blob: a WeakMap, so a dropped image or transport takes its entry with it. */
const byTransport = new WeakMap<ImageToVideoTransport, WeakMap<Blob, SharedUpload>>();

/** The URL an image was already uploaded to through this transport, if it was. */
export function uploadedImageUrl(transport: ImageToVideoTransport, image: Blob): string | undefined {
  return byTransport.get(transport)?.get(image)?.url;
}

/**
 * Uploads an image at most once per transport, whoever asks first: the prompt optimizer (which
 * needs a URL to look at) or the submit. A second caller while the upload runs joins it instead of
 * starting another, and a later one gets the URL at once, so "Improve prompt" then "Generate"
 * sends the bytes once and submits the very URL the optimizer saw. A failed or abandoned upload
 * is forgotten, so the next caller tries again. Rejects only with `ImageToVideoError`.
 */
export function uploadImageOnce(transport: ImageToVideoTransport, image: Blob, options: UploadImageOnceOptions): Promise<string> {
  const upload = transport.upload?.bind(transport);
  if (!upload) {
    return Promise.reject(new ImageToVideoError('invalid-input', 'This transport cannot upload images.', { retryable: false }));
  }
  let cache = byTransport.get(transport);
  if (!cache) {
    cache = new WeakMap();
    byTransport.set(transport, cache);
  }
  const entries = cache;
  let entry = entries.get(image);
  if (entry?.url !== undefined) return Promise.resolve(entry.url);
  if (options.signal.aborted) return Promise.reject(canceled());
  const fresh = !entry;
  if (!entry) {
    const controller = new AbortController();
    entry = { promise: Promise.resolve(''), controller, url: undefined, waiters: 0, listeners: new Set() };
  }
  const shared = entry;
  options.onUploadStart?.();
  shared.waiters += 1;
  // Listening before the upload starts: a transport may report progress as soon as it is called.
  if (options.onProgress) shared.listeners.add(options.onProgress);
  if (fresh) {
    const created = shared;
    created.promise = upload(image, {
      signal: created.controller.signal,
      onProgress: (progress) => created.listeners.forEach((listener) => listener(progress)),
    }).then(
      ({ url }) => {
        created.url = url;
        return url;
      },
      (error: unknown) => {
        if (entries.get(image) === created) entries.delete(image);
        throw error;
      },
    );
    entries.set(image, created);
  }
  return new Promise<string>((resolve, reject) => {
    const leave = () => {
      shared.waiters -= 1;
      if (options.onProgress) shared.listeners.delete(options.onProgress);
      options.signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      leave();
      if (shared.waiters === 0 && shared.url === undefined) {
        // Nobody wants it any more: stop sending bytes, and let the next caller start afresh.
        if (entries.get(image) === shared) entries.delete(image);
        shared.controller.abort();
      }
      reject(canceled());
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    shared.promise.then(
      (url) => {
        if (options.signal.aborted) return;
        leave();
        resolve(url);
      },
      (error: unknown) => {
        if (options.signal.aborted) return;
        leave();
        reject(error);
      },
    );
  });
}

function canceled(): ImageToVideoError {
  return new ImageToVideoError('canceled', 'The request was canceled.');
}
