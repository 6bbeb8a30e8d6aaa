import * as z from 'zod/mini';
import { ImageToVideoError } from './ImageToVideoError';
import { errorFromResponse } from './errorFromResponse';

const envelopeSchema = z.object({ data: z.unknown() });

/**
 * Reads a WaveSpeed envelope `{ code, message, data }` and parses `data`. Non-2xx answers become
 * their error; a 2xx answer that is not the documented shape is a `bad-response`, never a crash.
 */
export async function readEnvelope<T>(response: Response, dataSchema: z.ZodMiniType<T>): Promise<T> {
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
  const envelope = envelopeSchema.safeParse(json);
  const data = envelope.success ? dataSchema.safeParse(envelope.data.data) : undefined;
  if (!data?.success) {
    throw new ImageToVideoError('bad-response', 'The server answered with an unexpected shape.', {
      status: response.status,
      requestId,
      cause: data?.error ?? envelope.error,
    });
  }
  return data.data;
}
