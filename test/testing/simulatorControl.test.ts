import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/createSimulator';
import { handleSimulatorControl, isLoopbackAddress, SIMULATOR_CONTROL_PATH } from '../../src/testing/handleSimulatorControl';
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/startSimulatorServer';

const KEY = 'test-key';
const auth = { authorization: `Bearer ${KEY}` };
const BODY = { image: 'https://cdn.example.com/cat.png', prompt: 'a cat', size: '1280*720', duration: 5 };

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(control?: boolean) {
  server = await startSimulatorServer({ apiKey: KEY, timing: 'instant', control });
  return server;
}

/** `fetch` sets its own Host; this sends exactly the headers given, as another HTTP client could. */
function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

function control(s: SimulatorServer, method: string, path: string, body?: unknown) {
  return fetch(`${s.url}${SIMULATOR_CONTROL_PATH}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function submit(s: SimulatorServer) {
  const response = await fetch(`${s.url}/api/v3/luma/ray-2-flash-i2v`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(BODY),
  });
  return (await response.json()) as { data: { id: string; status: string; error?: string } };
}

const read = (s: SimulatorServer, id: string) => fetch(`${s.url}/api/v3/predictions/${id}/result`, { headers: auth });

describe('the simulator control route over HTTP', () => {
  it('is off by default: the path is not served and injects nothing', async () => {
    const s = await start();
    const response = await control(s, 'POST', '/faults', { kind: 'fail-task', code: 1200 });
    expect(response.status).toBe(404);
    const task = await submit(s);
    expect(task.data.status).toBe('completed');
  });

  it('scripts "the next task fails with 1200" from another process', async () => {
    const s = await start(true);
    expect((await control(s, 'POST', '/faults', { kind: 'fail-task', code: 1200, error: 'moderation' })).status).toBe(204);
    const refused = await submit(s);
    expect(refused.data.status).toBe('failed');
    const body = (await (await read(s, refused.data.id)).json()) as { data: { status: string; code?: number } };
    expect(body.data).toMatchObject({ status: 'failed', code: 1200 });
    expect((await submit(s)).data.status).toBe('completed');
  });

  it('scripts "the next two reads answer 503", then clears faults and resets', async () => {
    const s = await start(true);
    const task = await submit(s);
    await control(s, 'POST', '/faults', { kind: 'status', status: 503, count: 2, operations: ['result'] });
    expect([(await read(s, task.data.id)).status, (await read(s, task.data.id)).status, (await read(s, task.data.id)).status]).toEqual([503, 503, 200]);

    await control(s, 'POST', '/faults', { kind: 'status', status: 500, count: 'all', operations: ['result'] });
    expect((await read(s, task.data.id)).status).toBe(500);
    expect((await read(s, task.data.id)).status).toBe(500);
    expect((await control(s, 'DELETE', '/faults')).status).toBe(204);
    expect((await read(s, task.data.id)).status).toBe(200);

    const state = (await (await control(s, 'GET', '/state')).json()) as { taskCount: number; requests: unknown[] };
    expect(state.taskCount).toBe(1);
    expect(state.requests.length).toBeGreaterThan(0);
    expect((await control(s, 'POST', '/reset')).status).toBe(204);
    expect(((await (await control(s, 'GET', '/state')).json()) as { taskCount: number }).taskCount).toBe(0);
  });

  it('sets timing', async () => {
    const s = await start(true);
    expect((await control(s, 'PUT', '/timing', { queueMs: 60_000, processingMs: 60_000 })).status).toBe(204);
    expect((await submit(s)).data.status).toBe('created');
    expect((await control(s, 'PUT', '/timing', 'instant')).status).toBe(204);
    expect((await submit(s)).data.status).toBe('completed');
  });

  it('refuses a body that is not a fault, saying why, and injects nothing', async () => {
    const s = await start(true);
    const response = await control(s, 'POST', '/faults', { kind: 'fail-task', code: 'soon' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/not valid/);
    expect((await control(s, 'POST', '/faults', { kind: 'explode' })).status).toBe(400);
    expect((await submit(s)).data.status).toBe('completed');
  });

  it('refuses browsers (an Origin header) and a Host that is not loopback (DNS rebinding)', async () => {
    const s = await start(true);
    const url = `${s.url}${SIMULATOR_CONTROL_PATH}/faults`;
    const fault = JSON.stringify({ kind: 'fail-task', code: 1200 });
    const json = { 'content-type': 'application/json' };
    expect((await rawRequest(url, 'POST', { ...json, origin: 'https://evil.example' }, fault)).status).toBe(403);
    expect((await rawRequest(url, 'POST', { ...json, host: 'evil.example' }, fault)).status).toBe(403);
    expect((await submit(s)).data.status).toBe('completed');
    expect((await rawRequest(url, 'POST', { ...json, host: new URL(s.url).host }, fault)).status).toBe(204);
  });
});

describe('handleSimulatorControl', () => {
  it('refuses callers that are not on loopback', async () => {
    const sim = createSimulator({ timing: 'instant' });
    const request = () =>
      new Request(`http://127.0.0.1:1234${SIMULATOR_CONTROL_PATH}/faults`, { method: 'POST', body: JSON.stringify({ kind: 'nsfw' }) });
    expect((await handleSimulatorControl(sim, request(), '192.168.1.20'))!.status).toBe(403);
    expect((await handleSimulatorControl(sim, request(), '::ffff:10.0.0.3'))!.status).toBe(403);
    expect((await handleSimulatorControl(sim, request(), undefined))!.status).toBe(403);
    expect((await handleSimulatorControl(sim, request(), '::ffff:127.0.0.1'))!.status).toBe(204);
    expect(await handleSimulatorControl(sim, new Request('http://127.0.0.1:1234/api/v3/x'), '127.0.0.1')).toBeUndefined();
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', '', undefined].map(isLoopbackAddress)).toEqual([false, false, false, false, false]);
  });
});
