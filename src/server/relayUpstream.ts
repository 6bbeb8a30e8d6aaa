import { errorResponse, jsonResponse } from './errorResponse';
import type { UpstreamOutcome } from './callUpstream';

/** Headers of an upstream answer that clients need; everything else stays behind. */
const RELAYED_HEADERS = ['retry-after', 'retry-after-ms', 'x-request-id'];

export interface RelayOptions {
  apiKey: string;
  /** Whether a 2xx envelope's `data` is the documented shape for this operation. */
  isValidData: (data: unknown) => boolean;
}

/**
 * Turns an upstream outcome into the proxy's answer. The upstream status is kept (a 429 stays a
 * 429 with its `Retry-After`); what is not JSON, not the documented shape, or never came becomes a
 * clean 502/504. The key is scrubbed from anything relayed, in case upstream ever echoes it.
 */
export function relayUpstream(outcome: UpstreamOutcome, options: RelayOptions): Response {
  switch (outcome.kind) {
    case 'timeout':
      return errorResponse(504, 'WaveSpeed did not answer in time.');
    case 'unreachable':
      return errorResponse(502, 'WaveSpeed could not be reached.');
    case 'too-large':
      return errorResponse(502, 'WaveSpeed answered with an unexpectedly large body.');
    case 'canceled':
      // The caller has gone; nobody reads this.
      return errorResponse(499, 'The request was canceled.');
  }
  const headers = new Headers();
  for (const name of RELAYED_HEADERS) {
    const value = outcome.headers.get(name);
    if (value !== null) headers.set(name, redact(value, options.apiKey));
  }
  const json = parseJson(outcome.text);
  const { status } = outcome;
  if (status >= 200 && status < 300) {
    const data = isRecord(json) ? json.data : undefined;
    if (!options.isValidData(data)) {
      return errorResponse(502, 'WaveSpeed answered with something unexpected.', { headers });
    }
    return jsonResponse(status, redact(JSON.stringify(json), options.apiKey), headers);
  }
  if (status < 400 || status > 599) {
    return errorResponse(502, `WaveSpeed answered with an unexpected status ${status}.`, { headers });
  }
  if (!isRecord(json)) {
    const what = outcome.text.trimStart().startsWith('<') ? 'an HTML page' : 'a body that is not JSON';
    return errorResponse(status, `WaveSpeed answered ${status} with ${what}.`, { headers });
  }
  const message = typeof json.message === 'string' && json.message ? json.message : `WaveSpeed answered ${status}.`;
  const body: Record<string, unknown> = { code: typeof json.code === 'number' ? json.code : status, message };
  if (typeof json.error_code === 'number' || typeof json.error_code === 'string') body.error_code = json.error_code;
  return jsonResponse(status, redact(JSON.stringify(body), options.apiKey), headers);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function redact(text: string, apiKey: string): string {
  return apiKey ? text.split(apiKey).join('[redacted]') : text;
}
