/**
 * Every way a job can go wrong, as a value the UI can switch on.
 *
 * - `invalid-input`: the input failed validation (see `fieldErrors`), or upstream rejected it (400/413/422).
 * - `unauthorized`: the server's WaveSpeed key is missing or invalid (401). The operator's problem.
 * - `forbidden`: the key or the host's `authorize` hook refused the request (403).
 * - `insufficient-credit`: the WaveSpeed account is out of balance.
 * - `rate-limited`: too many requests or concurrent tasks (429); see `retryAfterMs`.
 * - `upstream-unavailable`: WaveSpeed or the proxy is down (5xx, gateway pages, task codes 5000/5003).
 * - `network`: the request never got an answer (offline, dropped connection, CORS).
 * - `timeout`: the job outlived its deadline, stopped answering (stall), or upstream timed out (5004).
 * - `bad-response`: an answer that is not the documented shape.
 * - `task-failed`: the task ran and failed; see `code` and the message.
 * - `content-moderated`: the image or prompt was refused by moderation (task code 1200).
 * - `media-unreachable`: WaveSpeed could not fetch the image (task code 1402).
 * - `canceled`: the caller canceled or unmounted.
 * - `expired`: the finished video is no longer available.
 */
export type ImageToVideoErrorKind =
  | 'invalid-input'
  | 'unauthorized'
  | 'forbidden'
  | 'insufficient-credit'
  | 'rate-limited'
  | 'upstream-unavailable'
  | 'network'
  | 'timeout'
  | 'bad-response'
  | 'task-failed'
  | 'content-moderated'
  | 'media-unreachable'
  | 'canceled'
  | 'expired';

/** Field-level messages, keyed by submit field (`image`, `prompt`, `size`, `duration`). */
export type FieldErrors = Partial<Record<string, string[]>>;

export interface ImageToVideoErrorOptions {
  /** Whether trying the same thing again later can succeed. Defaults by kind. */
  retryable?: boolean;
  /** The HTTP status that carried the error, if any. */
  status?: number;
  /** The upstream or proxy request id, for support tickets. */
  requestId?: string;
  /** WaveSpeed's task-level code (`data.code`), or its `error_code`. */
  code?: number;
  /** How long to wait before trying again, from `Retry-After` when it was sent. */
  retryAfterMs?: number;
  fieldErrors?: FieldErrors;
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ImageToVideoErrorKind> = new Set([
  'rate-limited',
  'upstream-unavailable',
  'network',
  'timeout',
]);

/** The one error type this library throws, rejects with, and puts in state. */
export class ImageToVideoError extends Error {
  override readonly name = 'ImageToVideoError';
  readonly kind: ImageToVideoErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly requestId?: string;
  readonly code?: number;
  readonly retryAfterMs?: number;
  readonly fieldErrors?: FieldErrors;

  constructor(kind: ImageToVideoErrorKind, message: string, options: ImageToVideoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(kind);
    this.status = options.status;
    this.requestId = options.requestId;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
    this.fieldErrors = options.fieldErrors;
  }
}

/** Narrows `unknown` (a caught value, a query error) to our error type. */
export function isImageToVideoError(value: unknown): value is ImageToVideoError {
  return value instanceof ImageToVideoError;
}
