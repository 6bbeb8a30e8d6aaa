import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/server/verifyWebhookSignature';

// Computed once with openssl, independently of the code under test:
//   printf '%s' "msg_2Vq8.1764475200.$BODY" | openssl dgst -sha256 -hmac 'i2vTestKey7Qm4Rz9Lp2Wd6Hs8Nc3Vb' -hex
const SECRET = 'whsec_i2vTestKey7Qm4Rz9Lp2Wd6Hs8Nc3Vb';
const BODY =
  '{"id":"a1b2c3","model":"luma/ray-2-flash-i2v","outputs":["https://cdn.example.com/a1b2c3.mp4"],"status":"completed","created_at":"2026-11-30T04:00:00.000Z","error":""}';
const ID = 'msg_2Vq8';
const TIMESTAMP = 1764475200;
const SIGNATURE = '1f07cb17f6a9502b6313e32087b849f0b0b509e2b79fc6aac0d753002111ca41';
// The same message under the key 'rotated-secret-2' (openssl as above).
const OTHER_KEY_SIGNATURE = '201a79094a5cb3a8ccfc5f2b9e22c2ae91553f450df994e5d8e3ae1b77d1072f';
const NOW = TIMESTAMP * 1000 + 10_000;
const bytes = (text: string) => new TextEncoder().encode(text);

function headers(overrides: Record<string, string | null> = {}): Headers {
  const all: Record<string, string | null> = {
    'webhook-id': ID,
    'webhook-timestamp': String(TIMESTAMP),
    'webhook-signature': `v3,${SIGNATURE}`,
    ...overrides,
  };
  const result = new Headers();
  for (const [name, value] of Object.entries(all)) if (value !== null) result.set(name, value);
  return result;
}

describe('verifyWebhookSignature', () => {
  it('accepts the openssl vector, with the whsec_ prefix stripped and the rest used as text', async () => {
    await expect(verifyWebhookSignature(SECRET, headers(), bytes(BODY), NOW)).resolves.toEqual({ ok: true, id: ID });
  });

  it('accepts upper-case hex and any one of several space-separated signatures', async () => {
    await expect(verifyWebhookSignature(SECRET, headers({ 'webhook-signature': `v3,${SIGNATURE.toUpperCase()}` }), bytes(BODY), NOW)).resolves.toMatchObject({ ok: true });
    const rotated = `v3,${OTHER_KEY_SIGNATURE} v3,${SIGNATURE}`;
    await expect(verifyWebhookSignature(SECRET, headers({ 'webhook-signature': rotated }), bytes(BODY), NOW)).resolves.toMatchObject({ ok: true });
    await expect(verifyWebhookSignature('whsec_rotated-secret-2', headers({ 'webhook-signature': rotated }), bytes(BODY), NOW)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a wrong secret, the base64-decoded key, a changed body, id or timestamp', async () => {
    const refused = { ok: false, reason: 'bad-signature' };
    await expect(verifyWebhookSignature('whsec_another', headers(), bytes(BODY), NOW)).resolves.toEqual(refused);
    // Standard Webhooks would base64-decode the key; WaveSpeed uses the text.
    await expect(verifyWebhookSignature('i2vTestKey7Qm4Rz9Lp2Wd6Hs8Nc3Vb=', headers(), bytes(BODY), NOW)).resolves.toEqual(refused);
    await expect(verifyWebhookSignature(SECRET, headers(), bytes(BODY.replace('completed', 'failed')), NOW)).resolves.toEqual(refused);
    await expect(verifyWebhookSignature(SECRET, headers({ 'webhook-id': 'msg_other' }), bytes(BODY), NOW)).resolves.toEqual(refused);
    await expect(verifyWebhookSignature(SECRET, headers({ 'webhook-timestamp': String(TIMESTAMP + 1) }), bytes(BODY), NOW)).resolves.toEqual(refused);
  });

  it('refuses other version tags and malformed entries, even with the right hex', async () => {
    for (const signature of [`v1,${SIGNATURE}`, `v1a,${SIGNATURE}`, SIGNATURE, `v3=${SIGNATURE}`, `v3,${SIGNATURE.slice(2)}`, `v3,${SIGNATURE}00`]) {
      await expect(verifyWebhookSignature(SECRET, headers({ 'webhook-signature': signature }), bytes(BODY), NOW), signature).resolves.toEqual({ ok: false, reason: 'bad-signature' });
    }
  });

  it('refuses missing headers and a timestamp more than 300 s away, either way', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      await expect(verifyWebhookSignature(SECRET, headers({ [name]: null }), bytes(BODY), NOW)).resolves.toEqual({ ok: false, reason: 'missing-headers' });
    }
    await expect(verifyWebhookSignature(SECRET, headers({ 'webhook-timestamp': '17644x' }), bytes(BODY), NOW)).resolves.toEqual({ ok: false, reason: 'bad-timestamp' });
    await expect(verifyWebhookSignature(SECRET, headers(), bytes(BODY), TIMESTAMP * 1000 + 301_000)).resolves.toEqual({ ok: false, reason: 'stale' });
    await expect(verifyWebhookSignature(SECRET, headers(), bytes(BODY), TIMESTAMP * 1000 - 301_000)).resolves.toEqual({ ok: false, reason: 'stale' });
    await expect(verifyWebhookSignature(SECRET, headers(), bytes(BODY), TIMESTAMP * 1000 + 299_000)).resolves.toMatchObject({ ok: true });
  });
});
