// The contract between the proxy and whatever sends its upstream requests, apart from both so
// neither sender imports the other (callUpstream uses nodeUpstream, which implements this).
import type { BodyPieces } from './BodyPieces';

export interface UpstreamCall {
  fetch: typeof fetch;
  url: string;
  method: 'GET' | 'POST';
  headers: Headers;
  /** Pieces are sent as they are by Node's client, joined into a `Blob` for a `fetch`. */
  body?: BodyInit | BodyPieces;
  timeoutMs: number;
  /** Aborts the call when the caller goes away. Absent for submits, which must finish once sent. */
  signal?: AbortSignal;
  /** Longest answer read; a bigger one counts as garbage. */
  maxResponseBytes: number;
  /** Node's own HTTP client, used instead of the global `fetch` for bodies it can send as they are. */
  node?: NodeUpstream;
}

export type UpstreamOutcome =
  | { kind: 'answered'; status: number; headers: Headers; text: string }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'too-large' }
  | { kind: 'canceled' };

/** Node's own HTTP client as an upstream sender, for bodies it can send as they are. */
export type NodeUpstream = (call: Omit<UpstreamCall, 'body'> & { body?: string | BodyPieces | ReadableStream<Uint8Array> }) => Promise<UpstreamOutcome>;
