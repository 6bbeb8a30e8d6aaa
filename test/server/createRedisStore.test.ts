import { Redis as IoRedis } from 'ioredis';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/server/redis/createRedisStore';
import { StoreUnavailableError } from '../../src/server/StoreUnavailableError';
import { withStoreTimeout } from '../../src/server/withStoreTimeout';
import { until } from './proxyStoreContract';
import { startRedisServer, type RedisServer } from './startRedisServer';

let server: RedisServer;
let client: RedisClientType;
/** A separate connection that only inspects the server. */
let inspector: RedisClientType;

beforeAll(async () => {
  server = await startRedisServer();
  client = await createClient({ url: server.url }).connect();
  inspector = await createClient({ url: server.url }).connect();
});
afterAll(async () => {
  client.destroy();
  inspector.destroy();
  await server.stop();
});

async function serverChannels(pattern: string): Promise<string[]> {
  return (await inspector.sendCommand(['PUBSUB', 'CHANNELS', pattern])) as string[];
}

async function connectionCount(): Promise<number> {
  const list = (await inspector.sendCommand(['CLIENT', 'LIST'])) as string;
  return list.trim().split('\n').length;
}

describe('createRedisStore', () => {
  it('namespaces every key and channel under its prefix', async () => {
    const store = createRedisStore(client, { prefix: 'app-a:' });
    await store.set('owner:1', 'alice', 60_000);
    await store.add('idem:1', 'pending', 60_000);
    await store.increment('rate:submit:alice', 60_000);
    expect(((await inspector.sendCommand(['KEYS', '*'])) as string[]).sort()).toEqual(['app-a:idem:1', 'app-a:owner:1', 'app-a:rate:submit:alice']);
    const stop = await store.subscribe('task:1', () => undefined);
    expect(await serverChannels('*')).toEqual(['app-a:task:1']);
    await stop();
    // Another prefix sees none of it.
    expect(await createRedisStore(client, { prefix: 'app-b:' }).get('owner:1')).toBeUndefined();
    await store.close();
    await inspector.sendCommand(['FLUSHALL']);
  });

  it('keeps task owners for 7 days and rate-limit windows on the Redis clock', async () => {
    const store = createRedisStore(client, { prefix: 'ttl:' });
    await store.set('owner:x', 'alice', 7 * 24 * 60 * 60_000);
    const ttl = Number(await inspector.sendCommand(['PTTL', 'ttl:owner:x']));
    expect(ttl).toBeGreaterThan(7 * 24 * 60 * 60_000 - 5000);
    // Two stores (two instances) share one window: the second instance continues the count.
    const otherClient = await client.duplicate().connect();
    const other = createRedisStore(otherClient, { prefix: 'ttl:' });
    expect((await store.increment('rate', 60_000)).count).toBe(1);
    const second = await other.increment('rate', 60_000);
    expect(second.count).toBe(2);
    expect(second.resetAt - Date.now()).toBeGreaterThan(59_000);
    otherClient.destroy();
  });

  it('opens its subscriber connection only when first needed, and reuses it', async () => {
    const store = createRedisStore(client, { prefix: 'lazy:' });
    const before = await connectionCount();
    await store.get('x');
    await store.publish('nobody', 'listens');
    expect(await connectionCount()).toBe(before);
    const stops = await Promise.all([1, 2, 3].map((i) => store.subscribe(`c${i}`, () => undefined)));
    expect(await connectionCount()).toBe(before + 1);
    await Promise.all(stops.map((stop) => stop()));
    await store.close();
    expect(await connectionCount()).toBe(before);
  });

  for (const flavour of ['node-redis', 'ioredis'] as const) {
    it(`holds 0 channels on the server after 1,000 subscribe/abort cycles (${flavour})`, async () => {
      const io = flavour === 'ioredis' ? new IoRedis(server.port, '127.0.0.1') : undefined;
      const store = createRedisStore(io ?? client, { prefix: `leak-${flavour}:` });
      const listener = () => undefined;
      // Ten waiters at a time, on a few shared channels, each abandoned (aborted) right after it is live.
      for (let i = 0; i < 100; i++) {
        await Promise.all(
          Array.from({ length: 10 }, async (_, k) => {
            const controller = new AbortController();
            const stop = await store.subscribe(`task:${(i + k) % 13}`, listener);
            controller.signal.addEventListener('abort', () => void stop(), { once: true });
            controller.abort();
          }),
        );
      }
      // Aborts unsubscribe without being awaited: wait for the server to catch up, then check.
      await until(() => store.channelCount === 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await serverChannels(`leak-${flavour}:*`)).toEqual([]);
      const numsub = (await inspector.sendCommand(['PUBSUB', 'NUMSUB', ...Array.from({ length: 13 }, (_, n) => `leak-${flavour}:task:${n}`)])) as unknown[];
      expect(numsub.filter((_, n) => n % 2 === 1).map(Number)).toEqual(Array(13).fill(0));
      // And the connection still delivers.
      const heard: string[] = [];
      const stop = await store.subscribe('task:0', (m) => heard.push(m));
      await store.publish('task:0', 'still here');
      await until(() => heard.length === 1);
      await stop();
      await store.close();
      io?.disconnect();
    });
  }
});

describe('a Redis store when Redis goes away', () => {
  it('fails each call within the timeout, never hangs, and recovers by itself when Redis returns', async () => {
    const outage = await startRedisServer();
    const errors: unknown[] = [];
    const own = await createClient({ url: outage.url, socket: { reconnectStrategy: () => 100 } })
      .on('error', (error: unknown) => errors.push(error))
      .connect();
    const store = withStoreTimeout(createRedisStore(own, { onError: (error) => errors.push(error) }), 300);
    const stopBefore = await store.subscribe('task', () => undefined);
    expect(await store.add('k', 'v', 60_000)).toBe(true);

    await outage.kill();
    for (const call of [() => store.add('k2', 'v', 60_000), () => store.get('k'), () => store.increment('n', 1000), () => store.subscribe('t2', () => undefined)]) {
      const started = Date.now();
      await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    await outage.restart();
    // No new client, no restart of ours: the same store works again once Redis is back.
    let answer: boolean | undefined;
    const deadline = Date.now() + 10_000;
    while (answer === undefined && Date.now() < deadline) {
      answer = await store.add('k3', 'v', 60_000).catch(() => undefined);
    }
    expect(answer).toBe(true);
    const heard: string[] = [];
    const stop = await store.subscribe('after', (m) => heard.push(m));
    await store.publish('after', 'back');
    await until(() => heard.length === 1, 5000);
    await stop();
    await stopBefore().catch(() => undefined);
    expect(errors.length).toBeGreaterThan(0);
    own.destroy();
    await outage.stop();
  });
});
