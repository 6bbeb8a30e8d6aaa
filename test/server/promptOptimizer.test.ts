import { afterEach, describe, expect, it } from 'vitest';
import { predictionSchema } from '../../src/core/predictionSchema';
import { createRateLimiter } from '../../src/server/createRateLimiter';
import { simulatedPromptRewrite } from '../../src/testing/simulatedPromptRewrite';
import { API_KEY, VALID_SUBMIT, startHarness, submit, type Harness } from './proxyHarness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(...args: Parameters<typeof startHarness>): Promise<Harness> {
  harness = await startHarness(...args);
  return harness;
}

const IMAGE = 'https://cdn.example.com/cat.png';

function optimize(api: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Response> {
  return fetch(`${api}/prompt-optimizer`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(text).not.toContain(API_KEY);
  return JSON.parse(text) as Record<string, unknown>;
}

function forwarded(h: Harness) {
  return h.upstream.simulator.requests.filter((r) => r.operation !== 'media' && r.operation !== 'output');
}

describe('POST {basePath}/prompt-optimizer', () => {
  it('forwards exactly the checked fields, a video prompt in sync mode, with the key, and answers the improved prompt', async () => {
    const h = await start();
    const response = await optimize(h.api, {
      text: '  make it move  ',
      image: IMAGE,
      style: 'anime',
      // None of these may reach upstream as sent.
      mode: 'image',
      enable_sync_mode: false,
      model: 'someone-else/expensive',
      webhook: 'https://attacker.example/',
    });
    expect(response.status).toBe(200);
    const prediction = predictionSchema.parse((await readJson(response)).data);
    expect(prediction.status).toBe('completed');
    expect(prediction.outputs[0]).toBe(simulatedPromptRewrite('make it move', 'anime'));

    const sent = forwarded(h);
    expect(sent).toHaveLength(1);
    expect(`${sent[0]!.method} ${sent[0]!.path}`).toBe('POST /api/v3/wavespeed-ai/prompt-optimizer');
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent[0]!.headers['content-type']).toBe('application/json');
    expect(sent[0]!.body).toBe(
      JSON.stringify({ text: 'make it move', image: IMAGE, style: 'anime', mode: 'video', enable_sync_mode: true }),
    );
  });

  it('fills in the default style', async () => {
    const h = await start();
    expect((await optimize(h.api, { text: 'a cat', image: IMAGE })).status).toBe(200);
    expect(JSON.parse(forwarded(h)[0]!.body!)).toMatchObject({ style: 'default', mode: 'video' });
  });

  it.each([
    ['empty text', { text: '   ', image: IMAGE }, 422, 'text'],
    ['missing text', { image: IMAGE }, 422, 'text'],
    ['a data-URI image', { text: 'a cat', image: 'data:image/png;base64,iVBORw0KGgo=' }, 422, 'image'],
    ['a javascript: image', { text: 'a cat', image: 'javascript:alert(1)' }, 422, 'image'],
    ['no image', { text: 'a cat' }, 422, 'image'],
    ['an unknown style', { text: 'a cat', image: IMAGE, style: 'baroque' }, 422, 'style'],
    ['10,000 characters', { text: 'x'.repeat(10_000), image: IMAGE }, 413, 'text'],
  ])('refuses %s with a named field error and forwards nothing', async (_name, body, status, field) => {
    const h = await start();
    const response = await optimize(h.api, body);
    expect(response.status).toBe(status);
    const json = await readJson(response);
    expect(Object.keys(json.fieldErrors as object)).toEqual([field]);
    expect(forwarded(h)).toEqual([]);
  });

  it('refuses what is not a JSON request, and other methods', async () => {
    const h = await start();
    expect((await optimize(h.api, '{not json')).status).toBe(400);
    expect((await optimize(h.api, { text: 'a', image: IMAGE }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await optimize(h.api, 'x'.repeat(70 * 1024))).status).toBe(413);
    const get = await optimize(h.api, undefined, {}, 'GET');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${h.api}/prompt-optimizer/extra`, { method: 'POST' })).status).toBe(404);
    expect(forwarded(h)).toEqual([]);
  });

  it('has its own rate-limit operation: many optimizations need not allow many videos', async () => {
    const seen: string[] = [];
    const limiter = createRateLimiter({ limit: 1, operations: ['optimize'] });
    const h = await start({
      rateLimit: (context) => {
        seen.push(context.operation);
        return limiter(context);
      },
    });
    expect((await optimize(h.api, { text: 'a cat', image: IMAGE })).status).toBe(200);
    const refused = await optimize(h.api, { text: 'a cat', image: IMAGE });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await submit(h.api, VALID_SUBMIT)).status).toBe(200);
    expect(seen).toEqual(['optimize', 'optimize', 'submit']);
    expect(forwarded(h).map((r) => r.operation)).toEqual(['optimize', 'submit']);
  });

  it('goes through authorize like the other routes', async () => {
    const h = await start({ authorize: () => false });
    expect((await optimize(h.api, { text: 'a cat', image: IMAGE })).status).toBe(403);
    expect(forwarded(h)).toEqual([]);
  });

  it('keeps an upstream 429 with its Retry-After, and scrubs the key from what it relays', async () => {
    const h = await start();
    h.upstream.simulator.inject({ kind: 'rate-limit', retryAfterSeconds: 7, operations: ['optimize'] });
    const limited = await optimize(h.api, { text: 'a cat', image: IMAGE });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');

    h.upstream.simulator.inject({ kind: 'status', status: 503, message: `overloaded for key ${API_KEY}`, operations: ['optimize'] });
    const unavailable = await optimize(h.api, { text: 'a cat', image: IMAGE });
    expect(unavailable.status).toBe(503);
    expect((await readJson(unavailable)).message).toBe('overloaded for key [redacted]');
  });

  it('reads the result until the optimizer is done when sync mode answers early', async () => {
    const h = await start({}, { optimizerMs: 600 });
    const response = await optimize(h.api, { text: 'a cat', image: IMAGE });
    expect(response.status).toBe(200);
    const prediction = predictionSchema.parse((await readJson(response)).data);
    expect(prediction.status).toBe('completed');
    expect(prediction.outputs[0]).toBe(simulatedPromptRewrite('a cat'));
    const sent = forwarded(h);
    expect(sent[0]!.path).toBe('/api/v3/wavespeed-ai/prompt-optimizer');
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.slice(1).every((r) => r.method === 'GET' && r.path === `/api/v3/predictions/${prediction.id}/result`)).toBe(true);
  });

  it('gives up with 504 when the optimizer outlives the deadline', async () => {
    const errors: unknown[] = [];
    const h = await start({ optimizeTimeoutMs: 400, onError: (event) => errors.push(event) }, { optimizerMs: 60_000 });
    const started = Date.now();
    const response = await optimize(h.api, { text: 'a cat', image: IMAGE });
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toContainEqual({ operation: 'optimize', outcome: 'timeout' });
  });
});
