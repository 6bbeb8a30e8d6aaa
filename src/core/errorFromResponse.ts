import { ImageToVideoError, type ImageToVideoErrorKind, type FieldErrors } from './ImageToVideoError';
import { parseRetryAfter } from './parseRetryAfter';

const BALANCE = /balance|credit|insufficient|top[- ]?up|recharge/i;

function kindForStatus(status: number, message: string): ImageToVideoErrorKind {
  if (status === 402 || BALANCE.test(message)) return 'insufficient-credit';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 400 || status === 404 || status === 413 || status === 422) return 'invalid-input';
  // 409: the proxy is still creating the task for this intent; asking again later is safe.
  if (status >= 500 || status === 409) return 'upstream-unavailable';
  return 'bad-response';
}

interface ErrorBody {
  message?: unknown;
  error?: unknown;
  error_code?: unknown;
  code?: unknown;
  fieldErrors?: unknown;
}

function readBody(text: string): ErrorBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as ErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function asFieldErrors(value: unknown): FieldErrors | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const result: FieldErrors = {};
  for (const [field, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) result[field] = messages.filter((m): m is string => typeof m === 'string');
  }
  return result;
}

function firstText(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/**
 * Turns a non-2xx response into an error value. Reads the body as text first, so an HTML gateway
 * page becomes a clear error instead of a JSON parse crash.
 */
export async function errorFromResponse(response: Response): Promise<ImageToVideoError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // A body that breaks mid-read says no more than the status does.
  }
  const body = readBody(text);
  const message =
    firstText(body?.message, body?.error) ??
    (body === undefined && text.trimStart().startsWith('<')
      ? `The server answered ${response.status} with an HTML page instead of JSON.`
      : `The server answered ${response.status} ${response.statusText}`.trim() + '.');
  const code = [body?.error_code, body?.code].find(
    (c): c is number => typeof c === 'number' && c !== response.status,
  );
  return new ImageToVideoError(kindForStatus(response.status, message), message, {
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
    code,
    retryAfterMs: parseRetryAfter(response.headers),
    fieldErrors: asFieldErrors(body?.fieldErrors),
  });
}
