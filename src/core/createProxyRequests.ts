import { ImageToVideoError } from './ImageToVideoError';
import type { ImageToVideoTransport, UploadOptions, UploadResult } from './ImageToVideoTransport';
import { optimizedPromptOf } from './optimizedPromptOf';
import { parsePrediction } from './parsePrediction';
import { parsePushHeader, PUSH_HEADER } from './parsePushHeader';
import { EXPECTED_WINDOW_HEADER, IMAGE_EXTENSIONS, isPredictionId, PROMPT_OPTIMIZER_ROUTE, resultPath, SUBMIT_PATH, UPLOAD_PATH } from './protocol';
import { readEnvelope, type DataParser } from './readEnvelope';
import { parseSubmitInput } from './parseSubmitInput';
import { toImageToVideoError } from './toImageToVideoError';
import { parseUploadResult } from './parseUploadResult';
import { uploadWithProgress } from './uploadWithProgress';
import type { ProxyTransportOptions } from './ProxyTransportOptions';

/**
 * What `createProxyTransport` does once loaded: the requests to the proxy, their parsers and
 * errors. Kept in a module of its own so a page loads it on first use, not with its first paint.
 */
export function createProxyRequests(options: ProxyTransportOptions): ImageToVideoTransport {
  const baseUrl = (options.baseUrl ?? '/api/wavespeed').replace(/\/+$/, '');
  const credentials = options.credentials ?? 'same-origin';
  // Learned from the proxy's answers: a proxy with webhooks configured says so on every read.
  let maxWaitMs: number | undefined;

  function headers(extra: Record<string, string>): Headers {
    const result = new Headers(typeof options.headers === 'function' ? options.headers() : options.headers);
    for (const [name, value] of Object.entries(extra)) result.set(name, value);
    return result;
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    try {
      const response = await fetchImpl(`${baseUrl}${path}`, { ...init, credentials });
      // Uploads are not reads, so they neither grant nor withdraw push.
      if (response.ok && !path.startsWith('/media/')) maxWaitMs = parsePushHeader(response.headers.get(PUSH_HEADER));
      return response;
    } catch (error) {
      throw toImageToVideoError(error);
    }
  }

  return {
    async submit(input, { signal, idempotencyKey }) {
      const response = await send(SUBMIT_PATH, {
        method: 'POST',
        signal,
        headers: headers({ 'content-type': 'application/json', 'idempotency-key': idempotencyKey }),
        body: JSON.stringify(parseSubmitInput(input)),
      });
      const prediction = await readBodyOrThrow(response, parsePrediction);
      const expectedWindowMs = parseWindow(response.headers.get(EXPECTED_WINDOW_HEADER));
      return expectedWindowMs ? { ...prediction, expectedWindowMs } : prediction;
    },

    maxWaitMs: () => maxWaitMs,

    async getResult(id, { signal, waitMs } = {}) {
      if (!isPredictionId(id)) {
        throw new ImageToVideoError('invalid-input', 'That is not a prediction id.', { retryable: false });
      }
      const wait = waitMs !== undefined && maxWaitMs !== undefined ? Math.floor(Math.min(waitMs, maxWaitMs) / 1000) : 0;
      const query = wait > 0 ? `?wait=${wait}` : '';
      const response = await send(`${resultPath(id)}${query}`, { method: 'GET', signal, headers: headers({}) });
      return readBodyOrThrow(response, parsePrediction);
    },

    async optimizePrompt(input, { signal } = {}) {
      // The proxy checks it with `promptOptimizerInputSchema` (422 with `fieldErrors`); callers that
      // want to fail before a request leaves, as `usePromptOptimizer` does, parse it first. Only the
      // declared fields are sent.
      const body = JSON.stringify({ text: input.text, image: input.image, style: input.style });
      const response = await send(PROMPT_OPTIMIZER_ROUTE, {
        method: 'POST',
        signal,
        headers: headers({ 'content-type': 'application/json' }),
        body,
      });
      return optimizedPromptOf(await readBodyOrThrow(response, parsePrediction));
    },

    async upload(file, uploadOptions: UploadOptions = {}): Promise<UploadResult> {
      const form = new FormData();
      const filename = uploadOptions.filename ?? `image.${(IMAGE_EXTENSIONS as Record<string, string>)[file.type] ?? 'bin'}`;
      form.append('file', file, filename);
      const url = `${baseUrl}${UPLOAD_PATH}`;
      // XHR is the only browser API that reports upload progress; fetch is used where it is absent
      // (Node, workers) or when the host supplied its own fetch.
      if (uploadOptions.onProgress && !options.fetch && typeof XMLHttpRequest !== 'undefined') {
        const response = await uploadWithProgress(url, form, {
          signal: uploadOptions.signal,
          onProgress: uploadOptions.onProgress,
          headers: headers({}),
          withCredentials: credentials === 'include',
        });
        return readBodyOrThrow(response, parseUploadResult);
      }
      const response = await send(UPLOAD_PATH, {
        method: 'POST',
        signal: uploadOptions.signal,
        headers: headers({}),
        body: form,
      });
      const result = await readBodyOrThrow(response, parseUploadResult);
      uploadOptions.onProgress?.({ loaded: file.size, total: file.size });
      return result;
    },
  };
}

/** `start-end` in ms, sane or not at all: a bad header must not break a submit that succeeded. */
function parseWindow(value: string | null): readonly [number, number] | undefined {
  const match = value === null ? null : /^(\d{1,9})-(\d{1,9})$/.exec(value.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end > 0 && end >= start ? [start, end] : undefined;
}

async function readBodyOrThrow<T>(response: Response, parse: DataParser<T>): Promise<T> {
  try {
    return await readEnvelope(response, parse);
  } catch (error) {
    // A connection that drops while the body streams in surfaces here, not at fetch().
    throw toImageToVideoError(error);
  }
}

