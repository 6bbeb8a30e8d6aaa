import { concatBytes } from './concatBytes';

/** Thrown when a body is longer than allowed; the proxy answers 413. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/** Thrown when the caller's body breaks off (a dropped connection); the proxy answers 400. */
export class BodyReadError extends Error {
  override readonly name = 'BodyReadError';
  constructor(cause: unknown) {
    super('The request body could not be read.', { cause });
  }
}

/**
 * Reads the body of a request (or of an upstream response), but never more than `maxBytes`: a
 * declared `content-length` over the limit fails before reading, and a chunked body fails as soon
 * as it crosses the limit.
 */
export async function readLimitedBody(message: Pick<Request, 'headers' | 'body'>, maxBytes: number): Promise<Uint8Array> {
  const declared = message.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!message.body) return new Uint8Array(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new BodyReadError(error);
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return concatBytes(chunks, total);
}
