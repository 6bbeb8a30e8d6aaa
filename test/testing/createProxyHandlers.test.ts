import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import { createProxyHandlers } from '../../src/testing/createProxyHandlers';
import { rejection } from '../rejection';

const ORIGIN = 'http://app.test';
const { handlers, simulator } = createProxyHandlers({ baseUrl: `${ORIGIN}/api/wavespeed`, timing: 'instant' });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => simulator.reset());
afterAll(() => server.close());

const transport = createProxyTransport({ baseUrl: `${ORIGIN}/api/wavespeed` });
const input = { image: 'https://cdn.example.com/a.jpg', prompt: 'a cat', size: '720*1280', duration: 10 } as const;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createProxyHandlers', () => {
  it('runs a job through the proxy routes to a video the simulator serves', async () => {
    const file = new File([PNG], 'cat.png', { type: 'image/png' });
    const { url } = await transport.upload!(file, { filename: 'cat.png' });
    expect(url).toMatch(/^http:\/\/app\.test\/__simulator\/media\/[0-9a-f-]+\/cat\.png$/);
    const submitted = await transport.submit({ ...input, image: url }, { idempotencyKey: 'intent-1' });
    await settle();
    const done = await transport.getResult(submitted.id);
    expect(done).toMatchObject({ status: 'completed', outputs: [`${ORIGIN}/__simulator/outputs/${submitted.id}.mp4`] });
    const video = await fetch(done.outputs[0]!, { headers: { range: 'bytes=0-7' } });
    expect([video.status, video.headers.get('content-type')]).toEqual([206, 'video/mp4']);
    // The simulator saw the upstream shape: a bearer key, the v3 paths and the multipart field.
    expect(simulator.requests.map((r) => `${r.operation} ${r.path}`).slice(0, 3)).toEqual([
      'upload /__simulator/api/v3/media/upload/binary',
      'submit /__simulator/api/v3/luma/ray-2-flash-i2v',
      `result /__simulator/api/v3/predictions/${submitted.id}/result`,
    ]);
    expect(simulator.requests[0]!.form).toMatchObject({ fields: ['file'], file: { name: 'cat.png', type: 'image/png' } });
    expect(JSON.parse(simulator.requests[1]!.body!)).toEqual({ ...input, image: url });
  });

  it('answers a repeated idempotency key with the first task, like the proxy', async () => {
    const a = await transport.submit(input, { idempotencyKey: 'same' });
    const b = await transport.submit(input, { idempotencyKey: 'same' });
    expect(b.id).toBe(a.id);
    expect(simulator.taskCount).toBe(1);
  });

  it('carries injected faults as real HTTP: 429 with Retry-After, dropped connections, failed tasks', async () => {
    simulator.inject({ kind: 'rate-limit', retryAfterSeconds: 4, operations: ['submit'] });
    const limited = await rejection(transport.submit(input, { idempotencyKey: 'k1' }));
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate-limited', 4000]);

    simulator.inject({ kind: 'drop', operations: ['result'] });
    simulator.inject({ kind: 'fail-task', code: 1402 });
    const task = await transport.submit(input, { idempotencyKey: 'k2' });
    expect((await rejection(transport.getResult(task.id))).kind).toBe('network');
    await settle();
    expect(await transport.getResult(task.id)).toMatchObject({ status: 'failed', code: 1402 });
  });

  it('runs the real proxy: a file that only claims to be an image is refused before upstream', async () => {
    const fake = new File([new Uint8Array([1, 2, 3, 4])], 'cat.png', { type: 'image/png' });
    const refused = await rejection(transport.upload!(fake));
    expect([refused.status, refused.fieldErrors]).toEqual([415, { file: ['That file is not an image of an allowed type.'] }]);
    const tooLong = await rejection(transport.getResult('x'.repeat(129)));
    expect(tooLong.kind).toBe('invalid-input');
    expect(simulator.requests).toHaveLength(0);
  });

  it("refuses other paths under the proxy without reaching the simulator", async () => {
    const response = await fetch(`${ORIGIN}/api/wavespeed/balance`);
    expect(response.status).toBe(404);
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('createProxyHandlers with proxy options', () => {
  it("applies the app's own proxy configuration: authorize, and the client it names owns its tasks", async () => {
    const { handlers, simulator } = createProxyHandlers({
      baseUrl: 'http://other.test/api/video',
      timing: 'instant',
      proxy: {
        authorize: (request) => {
          const user = request.headers.get('x-user');
          return user ? { clientId: user } : false;
        },
      },
    });
    server.use(...handlers);
    const as = (user?: string) =>
      createProxyTransport({ baseUrl: 'http://other.test/api/video', headers: user ? { 'x-user': user } : {} });
    expect((await rejection(as().submit(input, { idempotencyKey: 'a' }))).status).toBe(403);
    const task = await as('ada').submit(input, { idempotencyKey: 'a' });
    expect((await as('ada').getResult(task.id)).id).toBe(task.id);
    // Another client's read answers 404, as in production.
    expect((await rejection(as('bob').getResult(task.id))).status).toBe(404);
    expect(simulator.taskCount).toBe(1);
    server.resetHandlers();
  });
});
