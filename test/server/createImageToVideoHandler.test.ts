import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { createRateLimiter } from '../../src/server/createRateLimiter';
import { toNodeHandler } from '../../src/server/toNodeHandler';
import { predictionSchema } from '../../src/core/predictionSchema';
import {
  API_KEY,
  PNG_BYTES,
  VALID_SUBMIT,
  closeServer,
  listen,
  startHarness,
  submit,
  uploadForm,
  type Harness,
} from './proxyHarness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(...args: Parameters<typeof startHarness>): Promise<Harness> {
  harness = await startHarness(...args);
  return harness;
}

/** Requests that reached the simulated upstream, other than media/output fetches. */
function forwarded(h: Harness) {
  return h.upstream.simulator.requests.filter((r) => r.operation !== 'media' && r.operation !== 'output');
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(text).not.toContain(API_KEY);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('the three operations', () => {
  it('submits, reads the result and uploads through to upstream', async () => {
    const h = await start();
    const submitted = await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k1' });
    expect(submitted.status).toBe(200);
    const task = predictionSchema.parse((await readJson(submitted)).data);

    const result = await fetch(`${h.api}/predictions/${task.id}/result`);
    expect(result.status).toBe(200);
    const read = predictionSchema.parse((await readJson(result)).data);
    expect(read.status).toBe('completed');
    expect(read.outputs[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/outputs\/.+\.mp4$/);

    const uploaded = await fetch(`${h.api}/media/upload/binary`, { method: 'POST', body: uploadForm(PNG_BYTES, 'image/png') });
    expect(uploaded.status).toBe(200);
    expect((await readJson(uploaded)).data).toMatchObject({ download_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/media\//) });

    expect(forwarded(h).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v3/luma/ray-2-flash-i2v',
      `GET /api/v3/predictions/${task.id}/result`,
      'POST /api/v3/media/upload/binary',
    ]);
  });

  it.each([
    ['GET', '/luma/ray-2-flash-i2v', 405],
    ['PUT', '/luma/ray-2-flash-i2v', 405],
    ['DELETE', '/predictions/abc123/result', 405],
    ['POST', '/predictions/abc123/result', 405],
    ['GET', '/media/upload/binary', 405],
    ['GET', '/predictions/abc123', 404],
    ['GET', '/predictions/abc123/result/', 404],
    ['GET', '/predictions/abc123/result/extra', 404],
    ['GET', '/predictions/a.b/result', 400],
    ['GET', '/predictions/abc%2F..%2Fx/result', 400],
    // fetch itself resolves `%2e%2e` before sending; raw targets are tested with the Node adapter.
    ['GET', '/predictions/%2e%2e/result', 404],
    ['GET', '/api/v3/predictions/abc123/result', 404],
    ['POST', '/luma/ray-2-flash-i2v-pro', 404],
    ['POST', '/luma//ray-2-flash-i2v', 400],
    ['GET', '/webhook/secret', 404],
    ['GET', '', 404],
  ])('%s <mount>%s answers %i and forwards nothing', async (method, path, status) => {
    const h = await start();
    const response = await fetch(`${h.api}${path}`, {
      method,
      ...(method === 'POST' || method === 'PUT' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
    });
    expect(response.status).toBe(status);
    expect(await readJson(response)).toMatchObject({ code: status, message: expect.any(String) });
    expect(forwarded(h)).toEqual([]);
  });

  it('answers paths outside its mount with 404', async () => {
    const h = await start();
    const response = await fetch(`http://127.0.0.1:${h.port}/api/v3/luma/ray-2-flash-i2v`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(forwarded(h)).toEqual([]);
  });

  it('refuses requests a browser marks as cross-site', async () => {
    const h = await start();
    const response = await submit(h.api, VALID_SUBMIT, { 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
    expect(forwarded(h)).toEqual([]);
  });

  it('never forwards the query string', async () => {
    const h = await start();
    const response = await fetch(`${h.api}/luma/ray-2-flash-i2v?webhook=https://evil.example/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(VALID_SUBMIT),
    });
    expect(response.status).toBe(200);
    expect(forwarded(h)[0]?.path).toBe('/api/v3/luma/ray-2-flash-i2v');
  });
});

describe('the submit body', () => {
  it('answers 422 with field errors for an invalid body and forwards nothing', async () => {
    const h = await start();
    const response = await submit(h.api, { image: 'ftp://x/y.png', prompt: '   ', size: '1920*1080', duration: 7 });
    expect(response.status).toBe(422);
    const body = await readJson(response);
    expect(Object.keys(body.fieldErrors as object).sort()).toEqual(['duration', 'image', 'prompt', 'size']);
    expect(forwarded(h)).toEqual([]);
  });

  it('answers 400 for a body that is not JSON, 415 for another content type', async () => {
    const h = await start();
    expect((await submit(h.api, '{"image":')).status).toBe(400);
    const form = await fetch(`${h.api}/luma/ray-2-flash-i2v`, { method: 'POST', body: new URLSearchParams(VALID_SUBMIT as never) });
    expect(form.status).toBe(415);
    expect(forwarded(h)).toEqual([]);
  });

  it('forwards only the declared fields, trimmed and with defaults', async () => {
    const h = await start();
    const response = await submit(h.api, {
      image: VALID_SUBMIT.image,
      prompt: '  a cat  ',
      webhook_url: 'https://evil.example',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(forwarded(h)[0]!.body!)).toEqual({ image: VALID_SUBMIT.image, prompt: 'a cat', size: '1280*720', duration: 5 });
  });

  it('forwards enable_prompt_optimizer only when the caller opted in', async () => {
    const h = await start();
    expect((await submit(h.api, { ...VALID_SUBMIT, enable_prompt_optimizer: true })).status).toBe(200);
    expect(JSON.parse(forwarded(h)[0]!.body!)).toEqual({ ...VALID_SUBMIT, enable_prompt_optimizer: true });
  });

  it('answers 413 for a body over the cap, declared or streamed', async () => {
    const h = await start({ limits: { maxSubmitBytes: 1000 } });
    const big = { ...VALID_SUBMIT, image: `data:image/png;base64,${'A'.repeat(2000)}` };
    expect((await submit(h.api, big)).status).toBe(413);
    // Chunked, with no content-length to refuse up front.
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(encoder.encode(' '.repeat(200)));
        controller.enqueue(encoder.encode(JSON.stringify(VALID_SUBMIT)));
        controller.close();
      },
    });
    const chunked = await fetch(`${h.api}/luma/ray-2-flash-i2v`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(forwarded(h)).toEqual([]);
  });

  it('answers 413 naming the prompt when it is over the cap', async () => {
    const h = await start();
    const response = await submit(h.api, { ...VALID_SUBMIT, prompt: 'x'.repeat(2001) });
    expect(response.status).toBe(413);
    expect((await readJson(response)).fieldErrors).toEqual({ prompt: [expect.stringContaining('2000')] });
    expect(forwarded(h)).toEqual([]);
  });
});

describe('uploads', () => {
  it('forwards only the file, with a safe name', async () => {
    const h = await start();
    const form = uploadForm(PNG_BYTES, 'image/png', '../../etc/pass wd.png');
    form.append('extra', 'dropped');
    const response = await fetch(`${h.api}/media/upload/binary`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(forwarded(h)[0]?.form).toEqual({
      fields: ['file'],
      file: { name: 'etc_pass_wd.png', type: 'image/png', size: PNG_BYTES.byteLength },
    });
  });

  it.each([
    ['a text file', new TextEncoder().encode('hello'), 'text/plain'],
    ['an image type whose bytes are not an image', new TextEncoder().encode('<svg onload=alert(1)>'), 'image/png'],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    ['PNG bytes declared as JPEG', PNG_BYTES, 'image/jpeg'],
  ])('answers 415 for %s', async (_, bytes, type) => {
    const h = await start();
    const response = await fetch(`${h.api}/media/upload/binary`, { method: 'POST', body: uploadForm(bytes, type) });
    expect(response.status).toBe(415);
    expect(forwarded(h)).toEqual([]);
  });

  it('answers 413 for an image over the limit and 400 without a file', async () => {
    const h = await start({ limits: { maxUploadBytes: 1024 } });
    const big = new Uint8Array(4096);
    big.set(PNG_BYTES);
    expect((await fetch(`${h.api}/media/upload/binary`, { method: 'POST', body: uploadForm(big, 'image/png') })).status).toBe(413);
    // Within the multipart allowance but over the file limit.
    const edge = new Uint8Array(1100);
    edge.set(PNG_BYTES);
    expect((await fetch(`${h.api}/media/upload/binary`, { method: 'POST', body: uploadForm(edge, 'image/png') })).status).toBe(413);
    const empty = new FormData();
    empty.append('image', 'x');
    expect((await fetch(`${h.api}/media/upload/binary`, { method: 'POST', body: empty })).status).toBe(400);
    expect((await fetch(`${h.api}/media/upload/binary`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG_BYTES })).status).toBe(415);
    expect(forwarded(h)).toEqual([]);
  });
});

describe('headers', () => {
  it('sends upstream only the server key, the content type and an idempotency key', async () => {
    const h = await start();
    const callerHeaders = {
      authorization: 'Bearer caller-token',
      cookie: 'session=abc',
      'x-forwarded-for': '10.0.0.1',
      'x-custom': 'leak',
      'idempotency-key': 'intent-1',
    };
    await submit(h.api, VALID_SUBMIT, callerHeaders);
    await fetch(`${h.api}/predictions/abc123/result`, { headers: callerHeaders });
    await fetch(`${h.api}/media/upload/binary`, { method: 'POST', headers: callerHeaders, body: uploadForm(PNG_BYTES, 'image/png') });
    // What Node's fetch itself adds to every request: not from the caller.
    const transport = new Set(['host', 'connection', 'content-length', 'accept', 'accept-language', 'accept-encoding', 'sec-fetch-mode', 'user-agent', 'transfer-encoding']);
    const [submitted, result, upload] = forwarded(h).map((r) => Object.fromEntries(Object.entries(r.headers).filter(([n]) => !transport.has(n))));
    expect(submitted).toEqual({
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      'idempotency-key': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result).toEqual({ authorization: `Bearer ${API_KEY}` });
    expect(upload).toEqual({ authorization: `Bearer ${API_KEY}`, 'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/) });
  });

  it('never answers with the key, even when upstream echoes it', async () => {
    const h = await start();
    h.upstream.simulator.inject({ kind: 'status', status: 401, message: `Invalid key ${API_KEY}` });
    const response = await submit(h.api, VALID_SUBMIT);
    expect(response.status).toBe(401);
    expect((await readJson(response)).message).toBe('Invalid key [redacted]');
    response.headers.forEach((value) => expect(value).not.toContain(API_KEY));
  });

  it('answers 401 without forwarding when no key is configured', async () => {
    const h = await start({ apiKey: '' });
    const saved = process.env.WAVESPEED_API_KEY;
    delete process.env.WAVESPEED_API_KEY;
    try {
      expect((await submit(h.api, VALID_SUBMIT)).status).toBe(401);
    } finally {
      if (saved !== undefined) process.env.WAVESPEED_API_KEY = saved;
    }
    expect(forwarded(h)).toEqual([]);
  });
});

describe('upstream failures', () => {
  it('keeps the upstream status: a 429 stays a 429 with its Retry-After', async () => {
    const h = await start();
    h.upstream.simulator.inject({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const response = await submit(h.api, VALID_SUBMIT);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await readJson(response)).toMatchObject({ message: 'Too many requests.' });
  });

  it('keeps a 503 and turns an HTML error page into JSON', async () => {
    const h = await start();
    h.upstream.simulator.inject({ kind: 'status', status: 503, operations: ['result'] });
    h.upstream.simulator.inject({ kind: 'html', status: 502, operations: ['result'] });
    const unavailable = await fetch(`${h.api}/predictions/abc123/result`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-type')).toMatch(/^application\/json/);
    const gateway = await fetch(`${h.api}/predictions/abc123/result`);
    expect(gateway.status).toBe(502);
    expect((await readJson(gateway)).message).toMatch(/HTML page/);
  });

  it('answers 502 for a 200 that is not JSON or not the documented shape', async () => {
    const h = await start();
    h.upstream.simulator.inject({ kind: 'html', status: 200, operations: ['result'] });
    expect((await fetch(`${h.api}/predictions/abc123/result`)).status).toBe(502);
    const { upstream } = h;
    const fake = createImageToVideoHandler({
      apiKey: API_KEY,
      baseUrl: upstream.url,
      fetch: async () => Response.json({ code: 200, data: { id: 'x' } }),
    });
    const response = await fake(new Request('http://localhost/api/wavespeed/predictions/x/result'));
    expect(response.status).toBe(502);
  });

  it('answers 502 when upstream is down, and 504 when it is too slow', async () => {
    const h = await start({ timeoutMs: 200 });
    const down = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1' });
    expect((await down(new Request('http://localhost/api/wavespeed/predictions/abc/result'))).status).toBe(502);
    h.upstream.simulator.inject({ kind: 'slow', delayMs: 1000 });
    const started = Date.now();
    const slow = await fetch(`${h.api}/predictions/abc123/result`);
    expect(slow.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('survives dropped upstream connections, before and during the body', async () => {
    const h = await start();
    h.upstream.simulator.inject({ kind: 'drop', operations: ['submit'] });
    h.upstream.simulator.inject({ kind: 'drop', during: 'body', operations: ['result'] });
    expect((await submit(h.api, VALID_SUBMIT)).status).toBe(502);
    expect((await fetch(`${h.api}/predictions/abc123/result`)).status).toBe(502);
    // Still serving.
    expect((await submit(h.api, VALID_SUBMIT)).status).toBe(200);
  });

  it('answers 502 when upstream tries to redirect', async () => {
    const handler = createImageToVideoHandler({
      apiKey: API_KEY,
      baseUrl: 'http://upstream.test',
      fetch: async (_input, init) => {
        expect(init?.redirect).toBe('manual');
        return new Response(null, { status: 302, headers: { location: 'http://evil.example/' } });
      },
    });
    expect((await handler(new Request('http://localhost/api/wavespeed/predictions/abc/result'))).status).toBe(502);
  });
});

describe('authorize and rate limits', () => {
  it('answers 403 when authorize refuses, and sends a Response it returns as is', async () => {
    const h = await start({
      authorize: (request) => {
        const cookie = request.headers.get('cookie') ?? '';
        if (cookie.includes('session=ok')) return { clientId: 'user-1' };
        if (cookie.includes('session=expired')) return new Response('login first', { status: 401 });
        return false;
      },
    });
    expect((await submit(h.api, VALID_SUBMIT)).status).toBe(403);
    const expired = await submit(h.api, VALID_SUBMIT, { cookie: 'session=expired' });
    expect([expired.status, await expired.text()]).toEqual([401, 'login first']);
    expect(forwarded(h)).toEqual([]);
    expect((await submit(h.api, VALID_SUBMIT, { cookie: 'session=ok' })).status).toBe(200);
    expect(forwarded(h)).toHaveLength(1);
  });

  it('answers 500 without forwarding when authorize throws', async () => {
    const h = await start({
      authorize: () => {
        throw new Error('session store down');
      },
    });
    const response = await submit(h.api, VALID_SUBMIT);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('session store');
    expect(forwarded(h)).toEqual([]);
  });

  it('is off by default, and caps submits per client with createRateLimiter', async () => {
    const open = await start();
    for (let i = 0; i < 5; i++) expect((await submit(open.api, VALID_SUBMIT)).status).toBe(200);
    await open.close();

    const h = await start({
      authorize: (request) => ({ clientId: request.headers.get('x-user') ?? 'anon' }),
      rateLimit: createRateLimiter({ limit: 2, windowMs: 60_000 }),
    });
    const as = (user: string) => submit(h.api, VALID_SUBMIT, { 'x-user': user });
    expect((await as('a')).status).toBe(200);
    expect((await as('a')).status).toBe(200);
    const limited = await as('a');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(55);
    expect((await as('b')).status).toBe(200);
    // Reads are not what costs money: not counted by default.
    expect((await fetch(`${h.api}/predictions/abc123/result`, { headers: { 'x-user': 'a' } })).status).toBe(404);
    expect(forwarded(h).filter((r) => r.operation === 'submit')).toHaveLength(3);
  });
});

describe('idempotency', () => {
  it('answers the first task for a repeated key instead of creating another', async () => {
    const h = await start();
    const first = await readJson(await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'intent-1' }));
    const again = await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'intent-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await readJson(again)).toEqual(first);
    expect(h.upstream.simulator.taskCount).toBe(1);
    await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'intent-2' });
    expect(h.upstream.simulator.taskCount).toBe(2);
  });

  it('creates one task for concurrent repeats, answering 409 with Retry-After while it is being created', async () => {
    const h = await start();
    h.upstream.simulator.inject({ kind: 'slow', delayMs: 150, operations: ['submit'] });
    const answers = await Promise.all([1, 2, 3].map(() => submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'same' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    for (const busy of answers.filter((r) => r.status === 409)) expect(busy.headers.get('retry-after')).toBe('1');
    expect(h.upstream.simulator.taskCount).toBe(1);
    // Asked again once it exists, with the same key: the first task.
    const first = answers.find((r) => r.status === 200)!;
    const again = await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'same' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await readJson(again)).toEqual(await readJson(first));
  });

  it('scopes keys per client, so one client cannot read another task', async () => {
    const h = await start({ authorize: (request) => ({ clientId: request.headers.get('x-user') ?? 'anon' }) });
    const a = await readJson(await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k', 'x-user': 'a' }));
    const b = await readJson(await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k', 'x-user': 'b' }));
    expect((a.data as { id: string }).id).not.toBe((b.data as { id: string }).id);
    expect(h.upstream.simulator.taskCount).toBe(2);
  });

  it('lets only the identified client that submitted a task read it', async () => {
    const h = await start({ authorize: (request) => ({ clientId: request.headers.get('x-user') ?? 'anon' }) });
    const task = (await readJson(await submit(h.api, VALID_SUBMIT, { 'x-user': 'a' }))).data as { id: string };
    const readAs = (user: string) => fetch(`${h.api}/predictions/${task.id}/result`, { headers: { 'x-user': user } });
    expect((await readAs('a')).status).toBe(200);
    const stranger = await readAs('b');
    expect(stranger.status).toBe(404);
    expect(await readJson(stranger)).toMatchObject({ message: 'No such prediction.' });
    const reads = forwarded(h).filter((r) => r.operation === 'result');
    expect(reads).toHaveLength(1);
  });

  it('refuses a reused key with a different body, and lets a failed submit be retried', async () => {
    const h = await start();
    await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k' });
    const changed = await submit(h.api, { ...VALID_SUBMIT, prompt: 'a dog' }, { 'idempotency-key': 'k' });
    expect(changed.status).toBe(422);

    h.upstream.simulator.inject({ kind: 'status', status: 503, operations: ['submit'] });
    expect((await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'retry-me' })).status).toBe(503);
    const retried = await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'retry-me' });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    const keys = forwarded(h).filter((r) => r.operation === 'submit').map((r) => r.headers['idempotency-key']);
    // The retry carries the same upstream key, so an upstream that dedupes can do so too.
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[2]);
  });

  it('creates a task per submit without a key, and rejects a malformed key', async () => {
    const h = await start();
    await submit(h.api, VALID_SUBMIT);
    await submit(h.api, VALID_SUBMIT);
    expect(h.upstream.simulator.taskCount).toBe(2);
    expect((await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'has space' })).status).toBe(400);
  });

  it('forgets a key after the window', async () => {
    const h = await start({ idempotencyWindowMs: 100 });
    await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k' });
    expect(h.upstream.simulator.taskCount).toBe(2);
  });
});

describe('the fetch-standard handler on its own', () => {
  it('answers a Request in-process, with the simulator as its fetch', async () => {
    const h = await start();
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: 'http://sim.test', fetch: h.upstream.simulator.fetch, basePath: '/wave/' });
    const response = await handler(
      new Request('https://app.example/wave/luma/ray-2-flash-i2v', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(VALID_SUBMIT),
      }),
    );
    expect(response.status).toBe(200);
    expect(h.upstream.simulator.requests.at(-1)?.path).toBe('/api/v3/luma/ray-2-flash-i2v');
    // WHATWG URL parsing resolves `%2e%2e` before the handler sees it; what is left is not a route.
    const traversal = await handler(new Request('https://app.example/wave/predictions/%2e%2e/%2e%2e/luma/ray-2-flash-i2v', { method: 'POST' }));
    expect(traversal.status).toBe(404);
  });

  it('reads a client address from its second argument, whatever shape a framework passes there', async () => {
    const h = await start();
    const handler = createImageToVideoHandler({
      apiKey: API_KEY,
      baseUrl: 'http://sim.test',
      fetch: h.upstream.simulator.fetch,
      rateLimit: createRateLimiter({ limit: 1, windowMs: 60_000 }),
    });
    const submitWith = async (context: unknown) =>
      (
        await handler(
          new Request('https://app.example/api/wavespeed/luma/ray-2-flash-i2v', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(VALID_SUBMIT),
          }),
          context,
        )
      ).status;
    // Node adapter: one bucket per address.
    expect(await submitWith({ clientAddress: '10.0.0.1' })).toBe(200);
    expect(await submitWith({ clientAddress: '10.0.0.1' })).toBe(429);
    expect(await submitWith({ clientAddress: '10.0.0.2' })).toBe(200);
    // Next.js passes `{ params }`, other hosts nothing or null: all are the one anonymous client.
    expect(await submitWith({ params: Promise.resolve({ path: ['luma', 'ray-2-flash-i2v'] }) })).toBe(200);
    expect(await submitWith(null)).toBe(429);
    expect(await submitWith({ clientAddress: 42 })).toBe(429);
    expect(await submitWith(undefined)).toBe(429);
  });

  it('serves a Node http server without leaking between requests', async () => {
    const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 });
    const server = createServer(toNodeHandler(handler));
    const port = await listen(server);
    try {
      const answers = await Promise.all([1, 2, 3].map(() => fetch(`http://127.0.0.1:${port}/api/wavespeed/predictions/abc/result`)));
      expect(answers.map((r) => r.status)).toEqual([502, 502, 502]);
    } finally {
      await closeServer(server);
    }
  });
});
