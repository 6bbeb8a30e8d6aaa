import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import type { SubmitInput } from '../../src/core/submitInputSchema';
import { rejection } from '../rejection';

const BASE = 'http://app.test/api/wavespeed';
const envelope = (data: object) => ({ code: 200, message: 'success', data });
const prediction = (status: string, extra: object = {}) => ({
  id: 'pred_1',
  model: 'luma/ray-2-flash-i2v',
  status,
  outputs: [],
  has_nsfw_contents: [],
  created_at: '2026-01-01T00:00:00Z',
  error: '',
  ...extra,
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const transport = createProxyTransport({ baseUrl: `${BASE}/` });
const input = { image: 'https://cdn.example.com/a.jpg', prompt: 'a cat', size: '1280*720', duration: 5 } as const;

describe('createProxyTransport', () => {
  it("reads the proxy's expected window from the submit's answer, and ignores a malformed one", async () => {
    let header = '31000-64000';
    server.use(
      http.post(`${BASE}/luma/ray-2-flash-i2v`, () =>
        HttpResponse.json(envelope(prediction('created')), { headers: { 'x-i2v-expected-window-ms': header } }),
      ),
    );
    expect(await transport.submit(input, { idempotencyKey: 'k' })).toMatchObject({ id: 'pred_1', expectedWindowMs: [31_000, 64_000] });
    for (const bad of ['64000-31000', 'soon', '1e9-2e9', '']) {
      header = bad;
      expect(await transport.submit(input, { idempotencyKey: 'k' })).not.toHaveProperty('expectedWindowMs');
    }
  });

  it('submits the validated body with the idempotency key to the proxy path', async () => {
    let seen: { body: unknown; key: string | null; type: string | null } | undefined;
    server.use(
      http.post(`${BASE}/luma/ray-2-flash-i2v`, async ({ request }) => {
        seen = {
          body: await request.json(),
          key: request.headers.get('idempotency-key'),
          type: request.headers.get('content-type'),
        };
        return HttpResponse.json(envelope(prediction('created')));
      }),
    );
    // Callers outside TypeScript can send anything; the transport validates before sending.
    const untyped = { ...input, prompt: '  a cat  ', extra: 'dropped' } as unknown as SubmitInput;
    const result = await transport.submit(untyped, { idempotencyKey: 'intent-1' });
    expect(result).toMatchObject({ id: 'pred_1', status: 'created' });
    expect(seen).toEqual({ body: { ...input, prompt: 'a cat' }, key: 'intent-1', type: 'application/json' });
  });

  it('sends nothing when the input is invalid', async () => {
    let calls = 0;
    server.use(http.post(`${BASE}/luma/ray-2-flash-i2v`, () => void calls++));
    const error = await rejection(transport.submit({ ...input, prompt: '' }, { idempotencyKey: 'k' }));
    expect(error.kind).toBe('invalid-input');
    expect(error.fieldErrors?.prompt).toEqual(['Write a prompt.']);
    expect(calls).toBe(0);
  });

  it('reads a result', async () => {
    server.use(
      http.get(`${BASE}/predictions/pred_1/result`, () =>
        HttpResponse.json(envelope(prediction('completed', { outputs: ['https://cdn.example.com/v.mp4'], timings: { inference: 40000 } }))),
      ),
    );
    await expect(transport.getResult('pred_1')).resolves.toMatchObject({
      status: 'completed',
      outputs: ['https://cdn.example.com/v.mp4'],
      inferenceMs: 40000,
    });
  });

  it('refuses an id that would change the path', async () => {
    const error = await rejection(transport.getResult('../../admin'));
    expect(error.kind).toBe('invalid-input');
  });

  it.each([
    [401, { code: 401, message: 'Invalid API key' }, 'unauthorized', false],
    [403, { code: 403, message: 'Forbidden' }, 'forbidden', false],
    [402, { code: 402, message: 'Payment required' }, 'insufficient-credit', false],
    [400, { code: 400, message: 'Insufficient balance, please top up' }, 'insufficient-credit', false],
    [422, { code: 422, message: 'prompt is required' }, 'invalid-input', false],
    [409, { code: 409, message: 'Still creating the task' }, 'upstream-unavailable', true],
    [500, { code: 500, message: 'Internal error' }, 'upstream-unavailable', true],
    [503, { code: 503, message: 'Unavailable' }, 'upstream-unavailable', true],
    [504, { code: 504, message: 'Gateway timeout' }, 'timeout', true],
  ] as const)('maps HTTP %i to %s', async (status, body, kind, retryable) => {
    server.use(
      http.get(`${BASE}/predictions/pred_1/result`, () =>
        HttpResponse.json(body, { status, headers: { 'x-request-id': 'req-9' } }),
      ),
    );
    const error = await rejection(transport.getResult('pred_1'));
    expect(error).toMatchObject({ kind, retryable, status, requestId: 'req-9', message: body.message });
  });

  it('reads Retry-After on a 429', async () => {
    server.use(
      http.post(`${BASE}/luma/ray-2-flash-i2v`, () =>
        HttpResponse.json({ code: 429, message: 'Too many requests' }, { status: 429, headers: { 'retry-after': '12' } }),
      ),
    );
    const error = await rejection(transport.submit(input, { idempotencyKey: 'k' }));
    expect(error).toMatchObject({ kind: 'rate-limited', retryable: true, retryAfterMs: 12_000, status: 429 });
  });

  it('turns an HTML gateway page into a clear error, not a parse crash', async () => {
    server.use(
      http.get(`${BASE}/predictions/pred_1/result`, () =>
        HttpResponse.html('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502 }),
      ),
    );
    const error = await rejection(transport.getResult('pred_1'));
    expect(error).toMatchObject({ kind: 'upstream-unavailable', retryable: true, status: 502 });
    expect(error.message).toMatch(/HTML page/);
  });

  it('reports a 200 that is not JSON as a bad response', async () => {
    server.use(http.get(`${BASE}/predictions/pred_1/result`, () => new HttpResponse('{"code":200,', { status: 200 })));
    expect((await rejection(transport.getResult('pred_1'))).kind).toBe('bad-response');
  });

  it('reports JSON of the wrong shape as a bad response', async () => {
    server.use(
      http.get(`${BASE}/predictions/pred_1/result`, () => HttpResponse.json(envelope({ id: 'pred_1' }))),
    );
    expect((await rejection(transport.getResult('pred_1'))).kind).toBe('bad-response');
  });

  it('reports a dropped connection as a retryable network error', async () => {
    server.use(http.get(`${BASE}/predictions/pred_1/result`, () => HttpResponse.error()));
    const error = await rejection(transport.getResult('pred_1'));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });

  it('reports an abort as canceled', async () => {
    server.use(http.get(`${BASE}/predictions/pred_1/result`, () => new Promise<never>(() => {})));
    const controller = new AbortController();
    const pending = transport.getResult('pred_1', { signal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).kind).toBe('canceled');
  });

  it('uploads a file as multipart and reads the download URL', async () => {
    let field: FormDataEntryValue | null = null;
    server.use(
      http.post(`${BASE}/media/upload/binary`, async ({ request }) => {
        field = (await request.formData()).get('file');
        return HttpResponse.json(
          envelope({ type: 'image', download_url: 'https://media.example.com/u/1.jpg', filename: '1.jpg', size: 3 }),
        );
      }),
    );
    const progress: number[] = [];
    const result = await transport.upload!(new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), {
      onProgress: ({ loaded }) => progress.push(loaded),
    });
    expect(result).toEqual({ url: 'https://media.example.com/u/1.jpg' });
    expect(field).toBeInstanceOf(File);
    expect((field as unknown as File).name).toBe('image.jpg');
    expect(progress).toEqual([3]);
  });

  it('refuses an upload answer whose URL is not http(s)', async () => {
    server.use(
      http.post(`${BASE}/media/upload/binary`, () => HttpResponse.json(envelope({ download_url: 'javascript:alert(1)' }))),
    );
    const error = await rejection(transport.upload!(new Blob(['x'], { type: 'image/png' })));
    expect(error.kind).toBe('bad-response');
  });

  it('adds the host headers and the configured credentials mode', async () => {
    let seen: { token: string | null; credentials: RequestCredentials } | undefined;
    server.use(
      http.get(`${BASE}/predictions/pred_1/result`, ({ request }) => {
        seen = { token: request.headers.get('x-csrf-token'), credentials: request.credentials };
        return HttpResponse.json(envelope(prediction('processing')));
      }),
    );
    await createProxyTransport({ baseUrl: BASE, credentials: 'include', headers: () => ({ 'x-csrf-token': 't0k' }) }).getResult(
      'pred_1',
    );
    expect(seen).toEqual({ token: 't0k', credentials: 'include' });
  });
});
