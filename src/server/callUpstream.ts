import { BodyPieces } from './BodyPieces';
import { isInitialFetch } from './nodeUpstream';
import { BodyReadError, BodyTooLargeError, readLimitedBody } from './readLimitedBody';
import type { UpstreamCall, UpstreamOutcome } from './UpstreamCall';

export type { UpstreamCall, UpstreamOutcome } from './UpstreamCall';

/**
 * One upstream request, whose every failure is a value: the timeout covers the headers and the
 * whole body, and a connection that drops at any point becomes `unreachable` instead of a throw.
 */
export async function callUpstream(call: UpstreamCall): Promise<UpstreamOutcome> {
  const { body } = call;
  // Node's client for every body it can send as it is. A streamed upload too: `fetch` (undici)
  // keeps every chunk of a streamed request body until the request ends, 20 MiB per upload.
  if (call.node && (body === undefined || typeof body === 'string' || body instanceof BodyPieces || body instanceof ReadableStream) && isInitialFetch(call.fetch)) {
    return call.node({ ...call, body });
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs);
  const onCallerAbort = () => controller.abort();
  call.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const response = await call.fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: body instanceof BodyPieces ? await body.toBlob() : body,
      signal: controller.signal,
      // A redirect could carry the key somewhere else; WaveSpeed's API does not redirect.
      redirect: 'manual',
      // Required by fetch for a streamed body (an upload passed through as it arrives).
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > call.maxResponseBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'too-large' };
    }
    let bytes: Uint8Array;
    try {
      bytes = await readLimitedBody(response, call.maxResponseBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return { kind: 'too-large' };
      // A body that broke off is reported below by its own error, as one that failed before it.
      throw error instanceof BodyReadError ? error.cause : error;
    }
    return { kind: 'answered', status: response.status, headers: response.headers, text: new TextDecoder().decode(bytes) };
  } catch (error) {
    if (timedOut) return { kind: 'timeout' };
    if (call.signal?.aborted) return { kind: 'canceled' };
    return { kind: 'unreachable', error };
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onCallerAbort);
  }
}
