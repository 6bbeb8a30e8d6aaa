import { Redis as IoRedis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/server/redis/createRedisStore';
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/startSimulatorServer';
import { VALID_SUBMIT, submit } from './proxyHarness';
import { INSTANCE_API_KEY, SUBMITS_PER_MINUTE, startProxyInstance, type ProxyInstance } from './instances/startProxyInstance';
import { spawnProxyProcess, type ProxyProcess } from './instances/spawnProxyProcess';
import { startRedisServer, type RedisServer } from './startRedisServer';

const STORE_TIMEOUT_MS = 500;

/**
 * Three proxy instances as a serverless host runs them: each with its own Redis connection (one
 * node-redis and one ioredis in this process, one node-redis in a separate process), one
 * redis-server, one simulated upstream. Requests are spread over the three round-robin.
 */
let redis: RedisServer;
let upstream: SimulatorServer;
const closers: (() => Promise<void> | void)[] = [];
let apis: string[];
let child: ProxyProcess | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  upstream = await startSimulatorServer({ apiKey: INSTANCE_API_KEY, timing: 'instant' });

  const nodeRedis = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 } });
  nodeRedis.on('error', () => undefined);
  await nodeRedis.connect();
  closers.push(() => nodeRedis.destroy());
  const ioredis = new IoRedis(redis.port, '127.0.0.1', { retryStrategy: () => 100 });
  ioredis.on('error', () => undefined);
  closers.push(() => ioredis.disconnect());

  const options = { upstreamUrl: upstream.url, storeTimeoutMs: STORE_TIMEOUT_MS };
  const one: ProxyInstance = await startProxyInstance({ store: createRedisStore(nodeRedis), ...options });
  const two: ProxyInstance = await startProxyInstance({ store: createRedisStore(ioredis), ...options });
  closers.push(one.close, two.close);

  child = await spawnProxyProcess({ REDIS_URL: redis.url, UPSTREAM_URL: upstream.url, STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS) });
  apis = [one.api, two.api, child.api];
}, 30_000);

afterAll(async () => {
  await child?.stop();
  for (const close of closers.reverse()) await close();
  await upstream?.close();
  await redis?.stop();
});

const via = (i: number) => apis[i % apis.length]!;
const taskId = async (response: Response) => ((await response.json()) as { data: { id: string } }).data.id;

describe('three proxy instances over one Redis', () => {
  it('creates exactly one upstream task for 50 concurrent submits with one idempotency key', async () => {
    const before = upstream.simulator.taskCount;
    // Upstream takes a while, as it does: most repeats arrive while the first is still being created.
    upstream.simulator.inject({ kind: 'slow', delayMs: 300, operations: ['submit'] });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => submit(via(i), VALID_SUBMIT, { 'idempotency-key': 'one-intent', 'x-user': 'fifty' })),
    );
    const statuses = answers.map((r) => r.status);
    expect(upstream.simulator.taskCount - before).toBe(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    for (const busy of answers.filter((r) => r.status === 409)) expect(busy.headers.get('retry-after')).toBe('1');
    const ids = new Set(await Promise.all(answers.filter((r) => r.ok).map(taskId)));
    expect(ids.size).toBe(1);
    console.log(`50 concurrent submits, one key, 3 instances: ${statuses.filter((s) => s === 200).length} × 200, ${statuses.filter((s) => s === 409).length} × 409, ${upstream.simulator.taskCount - before} upstream task`);

    // Once it exists, the client's retry (same key) gets that task from every instance.
    const replays = await Promise.all([0, 1, 2].map((i) => submit(via(i), VALID_SUBMIT, { 'idempotency-key': 'one-intent', 'x-user': 'fifty' })));
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(new Set([...ids, ...(await Promise.all(replays.map(taskId)))]).size).toBe(1);
    expect(upstream.simulator.taskCount - before).toBe(1);
  });

  it('answers 422 on any instance for a reused key with a different body, and stores nothing for an invalid submit', async () => {
    const before = upstream.simulator.taskCount;
    expect((await submit(via(0), VALID_SUBMIT, { 'idempotency-key': 'k-body', 'x-user': 'semantics' })).status).toBe(200);
    const changed = await submit(via(1), { ...VALID_SUBMIT, prompt: 'a dog instead' }, { 'idempotency-key': 'k-body', 'x-user': 'semantics' });
    expect(changed.status).toBe(422);

    const invalid = await submit(via(2), { ...VALID_SUBMIT, duration: 99 }, { 'idempotency-key': 'k-invalid', 'x-user': 'semantics' });
    expect(invalid.status).toBe(422);
    // The corrected submit with the same key is a new request, not a mismatch nor a replay.
    const corrected = await submit(via(0), VALID_SUBMIT, { 'idempotency-key': 'k-invalid', 'x-user': 'semantics' });
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    expect(upstream.simulator.taskCount - before).toBe(2);
  });

  it(`holds a limit of ${SUBMITS_PER_MINUTE} submits per minute per client exactly across the three`, async () => {
    const before = upstream.simulator.taskCount;
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => submit(via(i), VALID_SUBMIT, { 'x-user': 'limited' })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(SUBMITS_PER_MINUTE).fill(200), ...Array(15 - SUBMITS_PER_MINUTE).fill(429)]);
    expect(upstream.simulator.taskCount - before).toBe(SUBMITS_PER_MINUTE);
    // Another client has its own allowance.
    expect((await submit(via(2), VALID_SUBMIT, { 'x-user': 'someone-else' })).status).toBe(200);
  });

  it('lets the owner read a task through another instance, and answers 404 to anyone else', async () => {
    const id = await taskId(await submit(via(0), VALID_SUBMIT, { 'x-user': 'owner' }));
    const read = (i: number, user: string) => fetch(`${via(i)}/predictions/${id}/result`, { headers: { 'x-user': user } });
    expect((await read(2, 'owner')).status).toBe(200);
    expect((await read(1, 'owner')).status).toBe(200);
    expect((await read(2, 'intruder')).status).toBe(404);
  });

  it('answers 503 within the store timeout while Redis is down, creates no task, and recovers when it returns', async () => {
    await redis.kill();
    const before = upstream.simulator.taskCount;
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const answer = await submit(via(i), VALID_SUBMIT, { 'idempotency-key': `down-${i}`, 'x-user': 'outage' });
      const elapsed = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(await answer.json()).toMatchObject({ code: 503, message: expect.stringContaining('state store') });
      expect(elapsed).toBeLessThan(STORE_TIMEOUT_MS + 1000);
      // A read whose owner cannot be checked is not relayed either.
      expect((await fetch(`${via(i)}/predictions/abc123/result`, { headers: { 'x-user': 'outage' } })).status).toBe(503);
    }
    expect(upstream.simulator.taskCount).toBe(before);
    expect(child!.child.exitCode).toBeNull();

    await redis.restart();
    // No restart of any instance: each one works again by itself.
    for (let i = 0; i < 3; i++) {
      let status = 0;
      const deadline = Date.now() + 10_000;
      while (status !== 200 && Date.now() < deadline) {
        status = (await submit(via(i), VALID_SUBMIT, { 'idempotency-key': `back-${i}`, 'x-user': 'after' })).status;
        if (status !== 200) await new Promise((done) => setTimeout(done, 100));
      }
      expect(status).toBe(200);
    }
    expect(upstream.simulator.taskCount - before).toBe(3);
  }, 60_000);
});
