import type { ZodMiniType } from 'zod/mini';
import { ImageToVideoError } from './ImageToVideoError';
import { errorFromResponse } from './errorFromResponse';

/** Reads an envelope's `data` by hand: the value, or `undefined` when it is not the expected shape. */
export type DataParser<T> = (data: unknown) => T | undefined;

/**
 * Reads a WaveSpeed envelope `{ code, message, data }` and parses `data` with a zod schema or a
 * `DataParser` (the browser path uses parsers, which keep zod out of its bundle). Non-2xx answers
 * become their error; a 2xx answer that is not the documented shape is a `bad-response`, never a
 * crash.
 */
export async function readEnvelope<T>(response: Response, data: ZodMiniType<T> | DataParser<T>): Promise<T> {
  if (!response.ok) throw await errorFromResponse(response);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ImageToVideoError('bad-response', 'The server answered with something that is not JSON.', {
      status: response.status,
      requestId,
      cause,
    });
  }
  const isEnvelope = typeof json === 'object' && json !== null && !Array.isArray(json);
  const payload = isEnvelope ? (json as { data?: unknown }).data : undefined;
  let parsed: { ok: true; value: T } | { ok: false; cause: unknown } = { ok: false, cause: 'The answer is not an envelope.' };
  if (isEnvelope && typeof data !== 'function') {
    const result = data.safeParse(payload);
    parsed = result.success ? { ok: true, value: result.data } : { ok: false, cause: result.error };
  } else if (isEnvelope) {
    const value = (data as DataParser<T>)(payload);
    parsed = value === undefined ? { ok: false, cause: 'The data is not the expected shape.' } : { ok: true, value };
  }
  if (!parsed.ok) {
    throw new ImageToVideoError('bad-response', 'The server answered with an unexpected shape.', {
      status: response.status,
      requestId,
      cause: parsed.cause,
    });
  }
  return parsed.value;
}
