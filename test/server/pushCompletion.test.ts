import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PUSH_HEADER } from '../../src/core/parsePushHeader';
import { predictionSchema } from '../../src/core/predictionSchema';
import { createImageToVideoHandler, type ImageToVideoHandler, type ImageToVideoHandlerOptions } from '../../src/server/createImageToVideoHandler';
import { createMemoryStore, type MemoryStore } from '../../src/server/createMemoryStore';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/testing/createSimulator';

const API_KEY = 'push-test-key';
const SECRET = 'whsec_push-test-secret';
const WEBHOOK_URL = 'https://app.example.com/api/wavespeed/webhook';
const API = 'http://localhost/api/wavespeed';
const SUBMIT = { image: 'https://cdn.example.com/cat.png', prompt: 'a cat turns its head', size: '1280*720', duration: 5 };

interface Setup {
  simulator: Simulator;
  store: MemoryStore;
  handler: ImageToVideoHandler;
  /** Another instance on the same store and upstream. */
  second: ImageToVideoHandler;
  /** Whatever each instance received as webhooks goes to `handler`. */
  delivered: Response[];
}

function setup(options: Partial<ImageToVideoHandlerOptions> = {}, simulatorOptions: SimulatorOptions = {}): Setup {
  const store = createMemoryStore();
  const delivered: Response[] = [];
  const simulator = createSimulator({
    apiKey: API_KEY,
    webhookSecret: SECRET,
    timing: { queueMs: 0, processingMs: 200 },
    // WaveSpeed calls the public URL; here that is the first instance, in-process.
    postWebhook: async (input, init) => {
      const request = new Request(input, init);
      const response = await handler(new Request(`${API}/webhook`, { method: 'POST', headers: request.headers, body: await request.text() }));
      delivered.push(response.clone());
      return response;
    },
    ...simulatorOptions,
  });
  const make = () =>
    createImageToVideoHandler({ apiKey: API_KEY, baseUrl: 'http://upstream', fetch: simulator.fetch, store, webhook: { url: WEBHOOK_URL, secret: SECRET }, ...options });
  const handler = make();
  return { simulator, store, handler, second: make(), delivered };
}

async function submitTask(handler: ImageToVideoHandler, headers: Record<string, string> = {}) {
  const response = await handler(
    new Request(`${API}/luma/ray-2-flash-i2v`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(SUBMIT) }),
  );
  expect(response.status).toBe(200);
  return { response, task: predictionSchema.parse(((await response.json()) as { data: unknown }).data) };
}

const result = (handler: ImageToVideoHandler, id: string, query = '', init: RequestInit = {}) =>
  handler(new Request(`${API}/predictions/${id}/result${query}`, init));

/** Signs as WaveSpeed documents, with node:crypto (independent of the code under test). */
function signedWebhook(body: string, options: { id?: string; timestamp?: number; secret?: string; tag?: string } = {}): Request {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = (options.secret ?? SECRET).replace(/^whsec_/, '');
  const hex = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('hex');
  return new Request(`${API}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `${options.tag ?? 'v3'},${hex}` },
    body,
  });
}

const completedBody = (id: string) =>
  JSON.stringify({ id, model: 'luma/ray-2-flash-i2v', outputs: [`https://cdn.example.com/${id}.mp4`], status: 'completed', created_at: new Date().toISOString(), error: '' });

const upstreamReads = (simulator: Simulator) => simulator.requests.filter((r) => r.operation === 'result').length;

describe('submit with webhooks configured', () => {
  it('asks upstream for a webhook in the query, sends the body unchanged, and says push is available', async () => {
    const { simulator, handler } = setup();
    const { response } = await submitTask(handler);
    expect(response.headers.get(PUSH_HEADER)).toBe('wait=25');
    const sent = simulator.requests.find((r) => r.operation === 'submit')!;
    expect(sent.path).toBe(`/api/v3/luma/ray-2-flash-i2v?webhook=${encodeURIComponent(WEBHOOK_URL)}`);
    expect(JSON.parse(sent.body!)).toEqual(SUBMIT);
  });

  it('changes nothing without a URL: no query, no header, no webhook route, waits are plain reads', async () => {
    const { simulator, handler } = setup({ webhook: undefined });
    const { response, task } = await submitTask(handler);
    expect(response.headers.get(PUSH_HEADER)).toBeNull();
    expect(simulator.requests[0]!.path).toBe('/api/v3/luma/ray-2-flash-i2v');
    const read = await result(handler, task.id, '?wait=25');
    expect(read.headers.get(PUSH_HEADER)).toBeNull();
    expect(upstreamReads(simulator)).toBe(1);
    expect((await handler(signedWebhook(completedBody(task.id)))).status).toBe(404);
  });
});

describe('POST /webhook', () => {
  it('stores and publishes a verified delivery, and answers fast', async () => {
    const { store, handler } = setup();
    const heard: string[] = [];
    const unsubscribe = await store.subscribe('prediction:task1', (message) => heard.push(message));
    const started = performance.now();
    const response = await handler(signedWebhook(completedBody('task1')));
    const tookMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(tookMs).toBeLessThan(50);
    expect(heard).toHaveLength(1);
    expect(JSON.parse(heard[0]!)).toMatchObject({ id: 'task1', status: 'completed' });
    await unsubscribe();
  });

  it('refuses every unverified or malformed delivery with a 4xx and changes nothing', async () => {
    const { store, handler } = setup();
    const heard: string[] = [];
    await store.subscribe('prediction:task1', (message) => heard.push(message));
    const body = completedBody('task1');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = new Request(`${API}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const cases: Array<[string, Request, number]> = [
      ['unsigned', unsigned, 401],
      ['wrong secret', signedWebhook(body, { secret: 'whsec_not-ours' }), 401],
      ['stale', signedWebhook(body, { timestamp: now - 400 }), 400],
      ['from the future', signedWebhook(body, { timestamp: now + 400 }), 400],
      ['v1 tag', signedWebhook(body, { tag: 'v1' }), 401],
      ['over 1 MiB', signedWebhook(JSON.stringify({ id: 'task1', status: 'completed', pad: 'x'.repeat(1024 * 1024) })), 413],
      ['GET', new Request(`${API}/webhook`), 405],
      ['PUT', new Request(`${API}/webhook`, { method: 'PUT', body }), 405],
    ];
    for (const [name, request, status] of cases) {
      const response = await handler(request);
      expect(response.status, name).toBe(status);
    }
    expect(heard).toEqual([]);
    expect(await store.get('prediction:task1')).toBeUndefined();
    // A refused delivery does not use up its id: the genuine one with the same id still lands.
    expect((await handler(signedWebhook(body, { id: 'msg_same' }))).status).toBe(200);
    expect(heard).toHaveLength(1);
  });

  it('needs no authorize: the signature is its only way in', async () => {
    let asked = 0;
    const { handler } = setup({
      authorize: () => {
        asked += 1;
        return false;
      },
    });
    expect((await handler(signedWebhook(completedBody('task1')))).status).toBe(200);
    expect(asked).toBe(0);
  });

  it('dedupes on webhook-id and on task and status: a repeat answers 2xx and does nothing', async () => {
    const { store, handler } = setup();
    const heard: string[] = [];
    await store.subscribe('prediction:task1', (message) => heard.push(message));
    const body = completedBody('task1');
    expect((await handler(signedWebhook(body, { id: 'msg_1' }))).status).toBe(200);
    expect((await handler(signedWebhook(body, { id: 'msg_1' }))).status).toBe(200);
    expect((await handler(signedWebhook(body, { id: 'msg_2' }))).status).toBe(200);
    expect(heard).toHaveLength(1);
  });

  it('fetches the secret once from upstream when only the URL is set', async () => {
    const { simulator, handler } = setup({ webhook: { url: WEBHOOK_URL } });
    expect((await handler(signedWebhook(completedBody('task1')))).status).toBe(200);
    expect((await handler(signedWebhook(completedBody('task2')))).status).toBe(200);
    expect(simulator.requests.filter((r) => r.operation === 'webhook-secret')).toHaveLength(1);
  });
});

describe('GET /predictions/{id}/result?wait=', () => {
  it('holds the read until the webhook lands, without reading upstream once webhooks are trusted', async () => {
    const { simulator, store, handler, delivered } = setup({}, { timing: { queueMs: 0, processingMs: 400 } });
    // A first job proves deliveries work.
    const first = await submitTask(handler);
    const firstWait = await result(handler, first.task.id, '?wait=5');
    expect(predictionSchema.parse(((await firstWait.json()) as { data: unknown }).data).status).toBe('completed');
    const readsBefore = upstreamReads(simulator);

    const { task } = await submitTask(handler);
    const started = performance.now();
    const wait = await result(handler, task.id, '?wait=5');
    const tookMs = performance.now() - started;
    expect(wait.status).toBe(200);
    expect(wait.headers.get(PUSH_HEADER)).toBe('wait=25');
    const data = predictionSchema.parse(((await wait.json()) as { data: unknown }).data);
    expect(data.status).toBe('completed');
    expect(tookMs).toBeGreaterThan(300);
    expect(tookMs).toBeLessThan(1500);
    expect(upstreamReads(simulator) - readsBefore).toBe(0);
    expect(delivered.map((r) => r.status)).toEqual([200, 200]);
    expect(store.channelCount).toBe(0);
  });

  it('answers at once from the stored state once the task is terminal', async () => {
    const { simulator, handler } = setup();
    await handler(signedWebhook(completedBody('task9')));
    const started = performance.now();
    const wait = await result(handler, 'task9', '?wait=25');
    expect(performance.now() - started).toBeLessThan(100);
    expect(((await wait.json()) as { data: { status: string } }).data.status).toBe('completed');
    // A plain read is answered from the store too.
    expect((await result(handler, 'task9')).status).toBe(200);
    expect(upstreamReads(simulator)).toBe(0);
  });

  it('wakes a wait on one instance with a webhook that landed on the other', async () => {
    const { simulator, store, handler, second } = setup({}, { timing: { queueMs: 0, processingMs: 60_000 }, postWebhook: () => Promise.reject(new Error('not in this test')) });
    const { task } = await submitTask(second);
    const waiting = result(second, task.id, '?wait=10');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.channelCount).toBe(1);
    const started = performance.now();
    expect((await handler(signedWebhook(completedBody(task.id)))).status).toBe(200);
    const answer = await waiting;
    expect(performance.now() - started).toBeLessThan(100);
    expect(((await answer.json()) as { data: { status: string } }).data.status).toBe('completed');
    expect(store.channelCount).toBe(0);
    expect(simulator.webhooks).toEqual([]);
  });

  it('leaves no subscription after 1,000 aborted waits', async () => {
    const { store, handler } = setup({}, { timing: { queueMs: 0, processingMs: 60_000 } });
    // Webhooks trusted, so the waits only listen (no upstream read each).
    await handler(signedWebhook(completedBody('earlier')));
    const { task } = await submitTask(handler);
    const controllers = Array.from({ length: 1000 }, () => new AbortController());
    const waits = controllers.map((controller) => result(handler, task.id, '?wait=25', { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store.channelCount).toBe(1);
    for (const controller of controllers) controller.abort();
    const answers = await Promise.all(waits);
    expect(answers.every((a) => a.status === 499)).toBe(true);
    expect(store.channelCount).toBe(0);
  }, 20_000);

  it('applies ownership to waits exactly as to reads', async () => {
    const { handler } = setup({
      authorize: (request) => ({ clientId: request.headers.get('x-user') ?? 'nobody' }),
    });
    const { task } = await submitTask(handler, { 'x-user': 'alice' });
    expect((await result(handler, task.id, '?wait=1', { headers: { 'x-user': 'mallory' } })).status).toBe(404);
    expect((await result(handler, task.id, '?wait=1', { headers: { 'x-user': 'alice' } })).status).toBe(200);
  });

  it('refuses a wait that is not whole seconds, and caps a long one at 25 s', async () => {
    const { handler } = setup();
    expect((await result(handler, 'task1', '?wait=abc')).status).toBe(400);
    expect((await result(handler, 'task1', '?wait=1.5')).status).toBe(400);
  });

  it('reads upstream when the webhook is overdue, so a lost webhook never leaves "processing" forever', async () => {
    const { simulator, handler } = setup(
      { webhook: { url: WEBHOOK_URL, secret: SECRET, fallbackAfterMs: 600 } },
      { timing: { queueMs: 0, processingMs: 300 }, faults: [{ kind: 'webhook', mode: 'none', count: 1 }] },
    );
    // Webhooks are trusted: one was seen.
    await handler(signedWebhook(completedBody('earlier')));
    const { task } = await submitTask(handler);
    const started = performance.now();
    const wait = await result(handler, task.id, '?wait=10');
    const tookMs = performance.now() - started;
    expect(((await wait.json()) as { data: { status: string } }).data.status).toBe('completed');
    // Held until the fallback time (600 ms after creation), not the whole 10 s.
    expect(tookMs).toBeGreaterThan(400);
    expect(tookMs).toBeLessThan(2000);
    expect(upstreamReads(simulator)).toBe(1);
    expect(simulator.webhooks).toEqual([]);
  });

  it('reads upstream at the start of each wait until a webhook has been seen', async () => {
    const { simulator, handler } = setup({}, { timing: { queueMs: 0, processingMs: 60_000 } });
    const { task } = await submitTask(handler);
    const wait = await result(handler, task.id, '?wait=1');
    expect(((await wait.json()) as { data: { status: string } }).data.status).toBe('processing');
    expect(upstreamReads(simulator)).toBe(1);
  });
});
