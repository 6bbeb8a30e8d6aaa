import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, SimulatedDropError, type SimulatorOptions } from '../../src/testing/createSimulator';
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/startSimulatorServer';
import { predictionSchema } from '../../src/core/predictionSchema';

const KEY = 'test-key';
const ORIGIN = 'http://sim.test';
const auth = { authorization: `Bearer ${KEY}` };
const BODY = { image: 'https://cdn.example.com/cat.png', prompt: 'a cat', size: '720*1280', duration: 10 };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function clock() {
  const c = { time: 1_700_000_000_000, now: () => c.time };
  return c;
}

function setup(options: SimulatorOptions = {}) {
  const c = clock();
  const sim = createSimulator({ apiKey: KEY, now: c.now, random: () => 0.5, ...options });
  const submit = async (body: unknown = BODY, headers: Record<string, string> = auth) => {
    const response = await sim.fetch(`${ORIGIN}/api/v3/luma/ray-2-flash-i2v`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return response;
  };
  const result = async (id: string) => {
    const response = await sim.fetch(`${ORIGIN}/api/v3/predictions/${id}/result`, { headers: auth });
    return { response, json: (await response.json()) as { code: number; message: string; data: Record<string, unknown> } };
  };
  return { sim, clock: c, submit, result };
}

/** Lets the in-process render promise settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSimulator', () => {
  it('answers a submit with the documented envelope, then moves created → processing → completed', async () => {
    const { submit, result, clock } = setup({ timing: { queueMs: 1000, processingMs: 4000 } });
    const response = await submit();
    const envelope = (await response.json()) as { code: number; message: string; data: Record<string, unknown> };
    expect(envelope).toMatchObject({ code: 200, message: 'success', data: { status: 'created', model: 'luma/ray-2-flash-i2v', outputs: [], error: '' } });
    const id = envelope.data.id as string;
    expect(envelope.data.urls).toEqual({ get: `${ORIGIN}/api/v3/predictions/${id}/result` });

    clock.time += 1000;
    expect((await result(id)).json.data.status).toBe('processing');
    // 10 s clips take 1.5× the processing time: 1000 + 6000.
    clock.time += 5999;
    expect((await result(id)).json.data.status).toBe('processing');
    clock.time += 1;
    await settle();
    const done = (await result(id)).json.data;
    expect(done).toMatchObject({
      status: 'completed',
      outputs: [`${ORIGIN}/outputs/${id}.mp4`],
      has_nsfw_contents: [false],
      timings: { inference: 6000 },
    });
    expect(predictionSchema.parse(done).status).toBe('completed');
  });

  it('answers 401 without the key and 404 for an unknown id', async () => {
    const { sim, submit, result } = setup();
    expect((await submit(BODY, {})).status).toBe(401);
    expect((await submit(BODY, { authorization: 'Bearer wrong' })).status).toBe(401);
    const unknown = await result('nope');
    expect([unknown.response.status, unknown.json.code]).toEqual([404, 404]);
    expect(sim.taskCount).toBe(0);
  });

  it('rejects bodies the model would reject', async () => {
    const { submit } = setup();
    for (const body of [{ prompt: 'x' }, { ...BODY, size: '1*1' }, { ...BODY, duration: 7 }]) {
      expect((await submit(body)).status).toBe(400);
    }
  });

  it('fails a task with the injected code, and flags NSFW outputs', async () => {
    const { sim, submit, result } = setup({ timing: 'instant' });
    sim.inject({ kind: 'fail-task', code: 1200, error: 'moderated' });
    sim.inject({ kind: 'nsfw' });
    const failed = ((await (await submit()).json()) as { data: { id: string } }).data.id;
    const flagged = ((await (await submit()).json()) as { data: { id: string } }).data.id;
    await settle();
    expect((await result(failed)).json.data).toMatchObject({ status: 'failed', code: 1200, error: 'moderated', outputs: [] });
    expect((await result(flagged)).json.data).toMatchObject({ status: 'completed', has_nsfw_contents: [true] });
  });

  it('serves the placeholder video with ranges, and expires outputs', async () => {
    const { sim, submit, clock } = setup({ timing: { queueMs: 0, processingMs: 1000 }, outputTtlMs: 60_000 });
    const id = ((await (await submit()).json()) as { data: { id: string } }).data.id;
    await settle();
    expect((await sim.fetch(`${ORIGIN}/outputs/${id}.mp4`)).status).toBe(404);
    clock.time += 1500;
    const video = await sim.fetch(`${ORIGIN}/outputs/${id}.mp4`);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await video.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp');
    const part = await sim.fetch(`${ORIGIN}/outputs/${id}.mp4`, { headers: { range: 'bytes=0-7' } });
    expect([part.status, part.headers.get('content-range'), (await part.arrayBuffer()).byteLength]).toEqual([206, `bytes 0-7/${bytes.byteLength}`, 8]);
    clock.time += 60_000;
    expect((await sim.fetch(`${ORIGIN}/outputs/${id}.mp4`)).status).toBe(200);
    clock.time += 1;
    expect((await sim.fetch(`${ORIGIN}/outputs/${id}.mp4`)).status).toBe(403);
  });

  it('renders from the uploaded image at the requested size and duration', async () => {
    const calls: unknown[] = [];
    const { sim, submit, result } = setup({
      timing: 'instant',
      renderVideo: async (image, options) => {
        calls.push({ bytes: [...image.bytes], type: image.type, ...options });
        return new Uint8Array([0, 0, 0, 8, 0x66, 0x74, 0x79, 0x70]);
      },
    });
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'cat.png');
    const uploaded = await sim.fetch(`${ORIGIN}/api/v3/media/upload/binary`, { method: 'POST', headers: auth, body: form });
    const { data } = (await uploaded.json()) as { data: { download_url: string; type: string; size: number } };
    expect(data).toMatchObject({ type: 'image', size: PNG.byteLength, download_url: expect.stringMatching(/^http:\/\/sim\.test\/media\/[0-9a-f-]+\/cat\.png$/) });
    expect(new Uint8Array(await (await sim.fetch(data.download_url)).arrayBuffer())).toEqual(PNG);

    const id = ((await (await submit({ ...BODY, image: data.download_url })).json()) as { data: { id: string } }).data.id;
    await settle();
    expect((await result(id)).json.data.status).toBe('completed');
    expect(calls).toEqual([{ bytes: [...PNG], type: 'image/png', width: 720, height: 1280, durationSeconds: 10, prompt: 'a cat' }]);
  });

  it('fails with 1402 when a renderer cannot fetch the image', async () => {
    const { submit, result } = setup({
      timing: 'instant',
      renderVideo: async () => new Uint8Array(8),
      fetchImage: async () => new Response('gone', { status: 404 }),
    });
    const id = ((await (await submit()).json()) as { data: { id: string } }).data.id;
    await settle();
    expect((await result(id)).json.data).toMatchObject({ status: 'failed', code: 1402 });
  });

  it('injects request faults for as many requests as asked, on the operations asked', async () => {
    const { sim, submit, result } = setup({ timing: 'instant' });
    sim.inject({ kind: 'status', status: 503, count: 2, operations: ['submit'] });
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 3, operations: ['result'] });
    sim.inject({ kind: 'html', status: 502, operations: ['result'] });
    expect((await submit()).status).toBe(503);
    expect((await submit()).status).toBe(503);
    const created = await submit();
    expect(created.status).toBe(200);
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    const limited = await sim.fetch(`${ORIGIN}/api/v3/predictions/${id}/result`, { headers: auth });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    const html = await sim.fetch(`${ORIGIN}/api/v3/predictions/${id}/result`, { headers: auth });
    expect([html.status, (await html.text()).startsWith('<html>')]).toEqual([502, true]);
    expect((await result(id)).response.status).toBe(200);
  });

  it('drops in-process like a network failure, and answers slowly when asked', async () => {
    const { sim, submit } = setup();
    sim.inject({ kind: 'drop' });
    await expect(submit()).rejects.toBeInstanceOf(SimulatedDropError);
    sim.inject({ kind: 'drop', during: 'body' });
    const response = await submit();
    await expect(response.text()).rejects.toThrow();
    sim.inject({ kind: 'slow', delayMs: 120 });
    const started = Date.now();
    expect((await submit()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('uses the realistic preset of 30–65 s', async () => {
    const c = clock();
    const low = createSimulator({ timing: 'realistic', now: c.now, random: () => 0 });
    const high = createSimulator({ timing: 'realistic', now: c.now, random: () => 0.9999 });
    const poll = async (sim: typeof low, afterMs: number) => {
      const submitted = await sim.fetch(`${ORIGIN}/api/v3/luma/ray-2-flash-i2v`, { method: 'POST', headers: auth, body: JSON.stringify({ ...BODY, duration: 5 }) });
      const { data } = (await submitted.json()) as { data: { id: string } };
      await settle();
      c.time += afterMs;
      const read = await sim.fetch(`${ORIGIN}/api/v3/predictions/${data.id}/result`, { headers: auth });
      c.time -= afterMs;
      return ((await read.json()) as { data: { status: string } }).data.status;
    };
    expect(await poll(low, 29_999)).toBe('processing');
    expect(await poll(low, 30_000)).toBe('completed');
    expect(await poll(high, 64_990)).toBe('processing');
    expect(await poll(high, 65_000)).toBe('completed');
  });

  it('records what it received and forgets everything on reset', async () => {
    const { sim, submit } = setup();
    await submit(BODY, { ...auth, 'idempotency-key': 'abc' });
    expect(sim.requests).toEqual([
      expect.objectContaining({ operation: 'submit', method: 'POST', path: '/api/v3/luma/ray-2-flash-i2v', body: JSON.stringify(BODY) }),
    ]);
    expect(sim.requests[0]?.headers['idempotency-key']).toBe('abc');
    sim.reset();
    expect([sim.requests.length, sim.taskCount]).toEqual([0, 0]);
  });
});

describe('startSimulatorServer', () => {
  let server: SimulatorServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the simulator over HTTP with absolute URLs on its own origin, and drops real sockets', async () => {
    server = await startSimulatorServer({ apiKey: KEY, timing: 'instant' });
    const response = await fetch(`${server.url}/api/v3/luma/ray-2-flash-i2v`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(BODY),
    });
    const { data } = (await response.json()) as { data: { id: string } };
    await settle();
    const read = (await (await fetch(`${server.url}/api/v3/predictions/${data.id}/result`, { headers: auth })).json()) as { data: { outputs: string[] } };
    expect(read.data.outputs).toEqual([`${server.url}/outputs/${data.id}.mp4`]);
    expect((await fetch(read.data.outputs[0]!)).status).toBe(200);

    server.simulator.inject({ kind: 'drop', operations: ['result'] });
    await expect(fetch(`${server.url}/api/v3/predictions/${data.id}/result`, { headers: auth })).rejects.toThrow(TypeError);
    server.simulator.inject({ kind: 'drop', during: 'body', operations: ['result'] });
    const broken = await fetch(`${server.url}/api/v3/predictions/${data.id}/result`, { headers: auth });
    await expect(broken.text()).rejects.toThrow();
  });
});
