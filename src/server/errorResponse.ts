import type { FieldErrors } from '../core/ImageToVideoError';

export interface ErrorResponseOptions {
  fieldErrors?: FieldErrors;
  headers?: HeadersInit;
}

/**
 * The proxy's own error answers, in WaveSpeed's error shape (`{ code, message }`) so clients read
 * them like upstream errors; `fieldErrors` names the fields of an invalid submit.
 */
export function errorResponse(status: number, message: string, options: ErrorResponseOptions = {}): Response {
  const body = { code: status, message, ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}) };
  return jsonResponse(status, JSON.stringify(body), options.headers);
}

/** A JSON answer that no cache keeps and no browser sniffs as something else. */
export function jsonResponse(status: number, body: string, headers?: HeadersInit): Response {
  const result = new Headers(headers);
  result.set('content-type', 'application/json; charset=utf-8');
  result.set('cache-control', 'no-store');
  result.set('x-content-type-options', 'nosniff');
  return new Response(body, { status, headers: result });
}
