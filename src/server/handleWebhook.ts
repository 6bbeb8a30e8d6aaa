import { isTerminalStatus } from '../core/isTerminalStatus';
import { predictionSchema } from '../core/predictionSchema';
import type { PredictionStates } from './createPredictionStates';
import { WebhookSecretError } from './createWebhookSecretSource';
import { errorResponse, jsonResponse } from './errorResponse';
import type { ProxyStore } from './ProxyStore';
import { BodyTooLargeError, readLimitedBody } from './readLimitedBody';
import { verifyWebhookSignature } from './verifyWebhookSignature';

export interface WebhookDeps {
  store: ProxyStore;
  states: PredictionStates;
  secret: () => Promise<string>;
  onError: (error: unknown) => void;
  now?: () => number;
}

/** A webhook body is one prediction; anything near this size is not one. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
/** Longer than WaveSpeed could plausibly retry one delivery. */
const DEDUPE_TTL_MS = 24 * 60 * 60_000;

/**
 * `POST {basePath}/webhook`: WaveSpeed's completion call. The raw bytes are read before anything
 * is parsed (re-serialised JSON would not match the signature), the signature is the only way in,
 * and a refused call changes nothing. A repeat (same `webhook-id`, or the same task and status
 * under a new id) answers 2xx and does nothing, so retries are harmless. The work is a store write
 * and a publish, so WaveSpeed gets its 2xx within milliseconds.
 */
export async function handleWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  let body: Uint8Array;
  try {
    body = await readLimitedBody(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return errorResponse(413, 'The webhook body is too large.');
    throw error;
  }
  let secret: string;
  try {
    secret = await deps.secret();
  } catch (error) {
    if (!(error instanceof WebhookSecretError)) throw error;
    deps.onError(error);
    // Not the sender's fault: a 5xx makes WaveSpeed retry once the secret can be had.
    return errorResponse(503, 'The webhook secret is not available.');
  }
  const verdict = await verifyWebhookSignature(secret, request.headers, body, (deps.now ?? Date.now)());
  if (!verdict.ok) {
    return verdict.reason === 'bad-signature' || verdict.reason === 'missing-headers'
      ? errorResponse(401, 'The webhook signature is missing or wrong.')
      : errorResponse(400, 'The webhook timestamp is missing or too far from now.');
  }

  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return errorResponse(400, 'The webhook body is not JSON.');
  }
  const parsed = predictionSchema.safeParse(raw);
  if (!parsed.success) return errorResponse(400, 'The webhook body is not a prediction.');
  const prediction = parsed.data;

  const idKey = `webhook-id:${verdict.id}`;
  if (!(await deps.store.add(idKey, '1', DEDUPE_TTL_MS))) return received('duplicate');
  // Only finished tasks are announced; anything else is acknowledged and dropped.
  if (!isTerminalStatus(prediction.status)) return received('ignored');
  const taskKey = `webhook-task:${prediction.id}:${prediction.upstreamStatus}`;
  if (!(await deps.store.add(taskKey, '1', DEDUPE_TTL_MS))) return received('duplicate');
  try {
    await deps.states.remember(raw);
    await deps.store.publish(deps.states.channel(prediction.id), JSON.stringify(raw));
    await deps.states.markWebhookSeen();
  } catch (error) {
    // Forget the delivery so WaveSpeed's retry is not taken for a duplicate.
    await Promise.allSettled([deps.store.delete(idKey), deps.store.delete(taskKey)]);
    throw error;
  }
  return received('stored');
}

function received(outcome: 'stored' | 'duplicate' | 'ignored'): Response {
  return jsonResponse(200, JSON.stringify({ code: 200, message: outcome }));
}
