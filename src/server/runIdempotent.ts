import { errorResponse, jsonResponse } from './errorResponse';
import type { ProxyStore } from './ProxyStore';

type IdempotencyRecord =
  | { state: 'pending'; fingerprint: string }
  | { state: 'done'; fingerprint: string; status: number; body: string };

export interface IdempotentRun {
  store: ProxyStore;
  /** The store key, already scoped to the client. */
  key: string;
  /** A digest of the request: the same key with a different body is refused. */
  fingerprint: string;
  windowMs: number;
  /** How long a repeat waits for a first request that is still in flight. */
  waitMs: number;
  /** Runs only when a new task will be created (rate limits); an answer stops the request. */
  admit: () => Promise<Response | undefined>;
  run: () => Promise<Response>;
}

const POLL_MS = 100;

/**
 * Runs a submit at most once per key within the window. A repeat answers the first task instead
 * of creating (and billing) a second one; a repeat that arrives while the first is still in
 * flight waits for it. Failures are forgotten so the caller may try again with the same key.
 */
export async function runIdempotent(options: IdempotentRun): Promise<Response> {
  const { store, key, fingerprint } = options;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const record = parseRecord(await store.get(key));
    if (record) {
      if (record.fingerprint !== fingerprint) {
        return errorResponse(422, 'This idempotency key was already used for a different request.');
      }
      if (record.state === 'done') {
        return jsonResponse(record.status, record.body, { 'idempotent-replayed': 'true' });
      }
      if (Date.now() >= deadline) {
        return errorResponse(409, 'A request with this idempotency key is still in progress.', {
          headers: { 'retry-after': '1' },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    const refusal = await options.admit();
    if (refusal) return refusal;
    const pending: IdempotencyRecord = { state: 'pending', fingerprint };
    if (await store.add(key, JSON.stringify(pending), options.windowMs)) break;
  }

  let response: Response | undefined;
  try {
    response = await options.run();
    return response;
  } finally {
    if (response?.ok) {
      const done: IdempotencyRecord = { state: 'done', fingerprint, status: response.status, body: await response.clone().text() };
      await store.set(key, JSON.stringify(done), options.windowMs);
    } else {
      await store.delete(key);
    }
  }
}

function parseRecord(raw: string | undefined): IdempotencyRecord | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.fingerprint !== 'string') return undefined;
  if (record.state === 'pending') return { state: 'pending', fingerprint: record.fingerprint };
  if (record.state === 'done' && typeof record.status === 'number' && typeof record.body === 'string') {
    return { state: 'done', fingerprint: record.fingerprint, status: record.status, body: record.body };
  }
  return undefined;
}
