/** Why a webhook was refused; each maps to a 4xx. */
export type WebhookRejection = 'missing-headers' | 'bad-timestamp' | 'stale' | 'bad-signature';

export type WebhookVerification = { ok: true; id: string } | { ok: false; reason: WebhookRejection };

/** WaveSpeed's tolerance, as in Standard Webhooks: replays older (or newer) than this are refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
const SIGNATURE_ENTRY = /^v3,([0-9a-fA-F]{64})$/;
const WEBHOOK_ID = /^[\x21-\x7e]{1,256}$/;

/**
 * Checks a WaveSpeed webhook: hex HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${rawBody}`
 * keyed with the account secret minus its `whsec_` prefix, taken as UTF-8 text (not base64, which
 * is where this differs from Standard Webhooks). Any one of the space-separated `v3,<hex>` entries
 * may match (secret rotation); other version tags never do. The comparison is Web Crypto's
 * `verify`, which is constant-time, so a forger learns nothing from how long a refusal takes.
 */
export async function verifyWebhookSignature(
  secret: string,
  headers: Headers,
  rawBody: Uint8Array,
  nowMs: number = Date.now(),
): Promise<WebhookVerification> {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatures = headers.get('webhook-signature');
  if (!id || !timestamp || !signatures || !WEBHOOK_ID.test(id)) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad-timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };

  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.byteLength + rawBody.byteLength);
  signed.set(prefix, 0);
  signed.set(rawBody, prefix.byteLength);
  // Every entry is checked, matched or not, so the time taken does not tell which one matched.
  let matched = false;
  for (const entry of signatures.trim().split(/\s+/).slice(0, 8)) {
    const hex = SIGNATURE_ENTRY.exec(entry)?.[1];
    if (hex === undefined) continue;
    if (await crypto.subtle.verify('HMAC', key, hexBytes(hex), signed)) matched = true;
  }
  return matched ? { ok: true, id } : { ok: false, reason: 'bad-signature' };
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
