import type { UploadProgress } from './ImageToVideoTransport';

interface UploadWithProgressOptions {
  signal?: AbortSignal;
  onProgress: (progress: UploadProgress) => void;
  headers: Headers;
  withCredentials: boolean;
}

/** POSTs a form with XMLHttpRequest for its upload progress events, and answers a fetch `Response`. */
export function uploadWithProgress(url: string, body: FormData, options: UploadWithProgressOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('The upload was aborted.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.open('POST', url);
    xhr.withCredentials = options.withCredentials;
    options.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      done();
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      // A Response cannot carry status 0 or 1xx; XHR reports those only for failures handled below.
      resolve(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => {
      done();
      reject(new TypeError('The upload failed to reach the server.'));
    };
    xhr.onabort = () => {
      done();
      reject(signal?.reason ?? new DOMException('The upload was aborted.', 'AbortError'));
    };
    xhr.send(body);
  });
}
