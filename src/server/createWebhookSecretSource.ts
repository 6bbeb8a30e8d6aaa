import { callUpstream } from './callUpstream';

export interface WebhookSecretSourceOptions {
  /** A secret the host configured; when set, upstream is never asked. */
  secret: string | undefined;
  fetch: typeof fetch;
  /** The upstream origin, such as `https://api.wavespeed.ai`. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/** Thrown when the account's webhook secret cannot be had; the webhook route answers 503. */
export class WebhookSecretError extends Error {
  override readonly name = 'WebhookSecretError';
}

/**
 * The webhook signing secret: the configured one, else fetched once from
 * `GET /api/v3/webhook/secret` and kept. A failed fetch is not kept, so the next webhook (which
 * WaveSpeed retries) asks again. The answer's field name is not settled in the docs, so the
 * likely shapes are all read: `data` as the string, or `data.secret`, `data.webhook_secret`,
 * `data.signing_secret`, `data.key`, or the same names at the top level.
 */
export function createWebhookSecretSource(options: WebhookSecretSourceOptions): () => Promise<string> {
  if (options.secret) {
    const secret = options.secret;
    return () => Promise.resolve(secret);
  }
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= fetchSecret(options).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

const FIELDS = ['secret', 'webhook_secret', 'signing_secret', 'key'] as const;

async function fetchSecret(options: WebhookSecretSourceOptions): Promise<string> {
  const outcome = await callUpstream({
    fetch: options.fetch,
    url: `${options.baseUrl}/api/v3/webhook/secret`,
    method: 'GET',
    headers: new Headers({ authorization: `Bearer ${options.apiKey}` }),
    timeoutMs: options.timeoutMs,
    maxResponseBytes: 64 * 1024,
  });
  if (outcome.kind !== 'answered') throw new WebhookSecretError(`Fetching the webhook secret failed: ${outcome.kind}.`);
  if (outcome.status < 200 || outcome.status > 299) {
    throw new WebhookSecretError(`Fetching the webhook secret failed: WaveSpeed answered ${outcome.status}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(outcome.text);
  } catch {
    throw new WebhookSecretError('Fetching the webhook secret failed: the answer is not JSON.');
  }
  const secret = secretIn(json);
  if (secret === undefined) {
    throw new WebhookSecretError(
      `Fetching the webhook secret failed: no secret in the answer (looked for data, data.${FIELDS.join(', data.')}). Set WAVESPEED_WEBHOOK_SECRET instead.`,
    );
  }
  return secret;
}

function secretIn(json: unknown): string | undefined {
  const record = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined);
  const usable = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const top = record(json);
  if (!top) return undefined;
  const direct = usable(top.data);
  if (direct !== undefined) return direct;
  for (const where of [record(top.data), top]) {
    if (!where) continue;
    for (const field of FIELDS) {
      const found = usable(where[field]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
