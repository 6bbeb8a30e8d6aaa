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
  /**
   * How long a claim holds while its request is still creating the task: past the longest a
   * submit can take, short enough that a claim orphaned by a crash frees the key soon.
   */
  pendingMs: number;
  /** Runs only when a new task will be created (rate limits); an answer stops the request. */
  admit: () => Promise<Response | undefined>;
  run: () => Promise<Response>;
  /** Told when the outcome could not be recorded (the task exists; the client still gets it). */
  onRecordFailed: (error: unknown) => void;
}

/**
 * Runs a submit at most once per key within the window, as Stripe and the IETF idempotency-key
 * draft define it. The claim is one atomic `add` (Redis `SET NX PX`), so of any number of
 * concurrent requests on any number of instances exactly one creates the task. A repeat answers
 * the first task once it exists, 409 with `Retry-After` while it is still being created, 422 for
 * a different body. Failures are forgotten so the caller may try again with the same key.
 */
export async function runIdempotent(options: IdempotentRun): Promise<Response> {
  const { store, key, fingerprint } = options;
  const pending: IdempotencyRecord = { state: 'pending', fingerprint };
  for (let attempt = 1; ; attempt++) {
    if (await store.add(key, JSON.stringify(pending), options.pendingMs)) break;
    const record = parseRecord(await store.get(key));
    // Gone between the claim and the read (it finished failing, or expired): claim again, a
    // few times; a record we cannot read is treated as in progress rather than overwritten.
    if (!record && attempt < 3) continue;
    if (record && record.fingerprint !== fingerprint) {
      return errorResponse(422, 'This idempotency key was already used for a different request.');
    }
    if (record?.state === 'done') {
      return jsonResponse(record.status, record.body, { 'idempotent-replayed': 'true' });
    }
    return errorResponse(409, 'A request with this idempotency key is still in progress.', {
      headers: { 'retry-after': '1' },
    });
  }

  // The claim is ours from here: every path below either records the task or frees the key.
  let response: Response | undefined;
  try {
    response = (await options.admit()) ?? (await options.run());
    return response;
  } finally {
    if (response?.ok) {
      const done: IdempotencyRecord = { state: 'done', fingerprint, status: response.status, body: await response.clone().text() };
      // The task exists: its answer goes to the client even when it cannot be remembered.
      await store.set(key, JSON.stringify(done), options.windowMs).catch(options.onRecordFailed);
    } else {
      await store.delete(key).catch(options.onRecordFailed);
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
