import { createHmac } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/server/redis/createRedisStore';
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/startSimulatorServer';
import { VALID_SUBMIT, submit } from './proxyHarness';
import { INSTANCE_API_KEY, startProxyInstance, type ProxyInstance } from './instances/startProxyInstance';
import { spawnProxyProcess, type ProxyProcess } from './instances/spawnProxyProcess';
import { startRedisServer, type RedisServer } from './startRedisServer';

const SECRET = 'whsec_many-instances-push';

/**
 * Push completion across processes: the webhook lands on the instance in this process, the
 * browser's wait is held by an instance in another process, both on one real redis-server.
 */
let redis: RedisServer;
let upstream: SimulatorServer;
let here: ProxyInstance;
let child: ProxyProcess | undefined;
let there: string;
let admin: ReturnType<typeof createClient>;
const closers: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  // Jobs longer than the test: only the webhook sent below can finish one.
  upstream = await startSimulatorServer({ apiKey: INSTANCE_API_KEY, timing: { queueMs: 0, processingMs: 120_000 } });
  const client = createClient({ url: redis.url });
  client.on('error', () => undefined);
  await client.connect();
  closers.push(() => client.destroy());
  admin = createClient({ url: redis.url });
  await admin.connect();
  closers.push(() => admin.destroy());
  here = await startProxyInstance({
    store: createRedisStore(client),
    upstreamUrl: upstream.url,
    storeTimeoutMs: 2000,
    webhook: { url: 'https://app.example.com/api/wavespeed/webhook', secret: SECRET },
  });
  closers.push(here.close);
  child = await spawnProxyProcess({ REDIS_URL: redis.url, UPSTREAM_URL: upstream.url, STORE_TIMEOUT_MS: '2000', WEBHOOK_SECRET: SECRET });
  there = child.api;
}, 30_000);

afterAll(async () => {
  await child?.stop();
  for (const close of closers.reverse()) await close();
  await upstream?.close();
  await redis?.stop();
});

/** Signed as WaveSpeed documents, with node:crypto. */
function deliver(api: string, prediction: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(prediction);
  const id = `msg_${crypto.randomUUID()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', SECRET.slice('whsec_'.length)).update(`${id}.${timestamp}.${body}`).digest('hex');
  return fetch(`${api}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v3,${signature}` },
    body,
  });
}

const channels = async () => (await admin.sendCommand(['PUBSUB', 'CHANNELS', 'i2v:*'])) as string[];

describe('push completion on two processes over one Redis', () => {
  it('wakes a wait held by the other process with the webhook delivered to this one', async () => {
    // A first delivery shows the instances that webhooks work, so waits do not read upstream.
    expect((await deliver(here.api, { id: 'warm-up', status: 'completed', outputs: ['https://cdn.example.com/w.mp4'] })).status).toBe(200);
    const submitted = await submit(here.api, VALID_SUBMIT, { 'x-user': 'alice' });
    const task = ((await submitted.json()) as { data: { id: string; created_at: string } }).data;
    const readsBefore = upstream.simulator.requests.filter((r) => r.operation === 'result').length;

    const waiting = fetch(`${there}/predictions/${task.id}/result?wait=20`, { headers: { 'x-user': 'alice' } });
    await expect.poll(channels).toHaveLength(1);
    const sentAt = performance.now();
    const delivered = await deliver(here.api, { id: task.id, status: 'completed', created_at: task.created_at, outputs: [`https://cdn.example.com/${task.id}.mp4`] });
    expect(delivered.status).toBe(200);
    const answer = await waiting;
    const lagMs = performance.now() - sentAt;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-image-to-video-push')).toBe('wait=25');
    expect(((await answer.json()) as { data: { status: string } }).data.status).toBe('completed');
    expect(lagMs).toBeLessThan(500);
    expect(upstream.simulator.requests.filter((r) => r.operation === 'result').length).toBe(readsBefore);
    await expect.poll(channels).toEqual([]);
  });

  it('keeps ownership on waits across processes, and leaves no subscription after aborted waits', async () => {
    const submitted = await submit(here.api, VALID_SUBMIT, { 'x-user': 'bob' });
    const id = ((await submitted.json()) as { data: { id: string } }).data.id;
    expect((await fetch(`${there}/predictions/${id}/result?wait=1`, { headers: { 'x-user': 'mallory' } })).status).toBe(404);

    const controllers = Array.from({ length: 50 }, () => new AbortController());
    const waits = controllers.map((c) =>
      fetch(`${there}/predictions/${id}/result?wait=20`, { headers: { 'x-user': 'bob' }, signal: c.signal }).catch(() => undefined),
    );
    await expect.poll(channels).toHaveLength(1);
    for (const c of controllers) c.abort();
    await Promise.all(waits);
    await expect.poll(channels).toEqual([]);
  });
});
