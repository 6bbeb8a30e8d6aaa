import { describe, expect, it } from 'vitest';
import { createWebhookSecretSource, WebhookSecretError } from '../../src/server/createWebhookSecretSource';

function source(answer: () => Response | Promise<Response>, secret?: string) {
  const calls: Request[] = [];
  const get = createWebhookSecretSource({
    secret,
    baseUrl: 'https://api.example.com',
    apiKey: 'the-key',
    timeoutMs: 1000,
    fetch: async (input, init) => {
      calls.push(new Request(input, init));
      return answer();
    },
  });
  return { get, calls };
}

describe('createWebhookSecretSource', () => {
  it.each([
    ['data as the string', { code: 200, data: 'whsec_a' }],
    ['data.secret', { code: 200, data: { secret: 'whsec_a' } }],
    ['data.webhook_secret', { code: 200, data: { webhook_secret: 'whsec_a' } }],
    ['data.signing_secret', { code: 200, data: { signing_secret: 'whsec_a' } }],
    ['a top-level secret', { secret: 'whsec_a' }],
  ])('reads %s, once, with the key as Bearer', async (_name, body) => {
    const { get, calls } = source(() => Response.json(body));
    await expect(get()).resolves.toBe('whsec_a');
    await expect(get()).resolves.toBe('whsec_a');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://api.example.com/api/v3/webhook/secret');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer the-key');
  });

  it('fails clearly on an answer without a secret, and asks again next time', async () => {
    let body: unknown = { code: 200, data: { something: 'else' } };
    const { get, calls } = source(() => Response.json(body));
    await expect(get()).rejects.toThrow(WebhookSecretError);
    await expect(get()).rejects.toThrow(/no secret in the answer .*WAVESPEED_WEBHOOK_SECRET/);
    body = { code: 200, data: { secret: 'whsec_b' } };
    await expect(get()).resolves.toBe('whsec_b');
    expect(calls).toHaveLength(3);
  });

  it('fails clearly on an error status or a body that is not JSON', async () => {
    await expect(source(() => Response.json({ code: 401, message: 'no' }, { status: 401 })).get()).rejects.toThrow(/answered 401/);
    await expect(source(() => new Response('<html>')).get()).rejects.toThrow(/not JSON/);
  });

  it('never asks upstream when a secret is configured', async () => {
    const { get, calls } = source(() => Response.json({}), 'whsec_configured');
    await expect(get()).resolves.toBe('whsec_configured');
    expect(calls).toHaveLength(0);
  });
});
