/**
 * The cost of sharing the proxy's state on Redis: the same handler, in-process over the instant
 * simulator, with the in-memory store and with the Redis store (node-redis, a redis-server on
 * loopback), alternating one request at a time in the same run. Each handler checks an owner
 * (`authorize` answers a clientId) and counts submits (`createRateLimiter` on the same store), as
 * a deployment on many instances would. Redis commands are counted per operation.
 */
import { createClient } from 'redis';
import { createImageToVideoHandler } from '../src/server/createImageToVideoHandler';
import { createMemoryStore } from '../src/server/createMemoryStore';
import { createRateLimiter } from '../src/server/createRateLimiter';
import type { ProxyStore } from '../src/server/ProxyStore';
import { createRedisStore } from '../src/server/redis/createRedisStore';
import { createSimulator } from '../src/testing/createSimulator';
import { startRedisServer } from '../test/server/startRedisServer';
import { writeResult } from './writeResult';

const WARMUP = 300;
const RUNS = 3000;
const API_KEY = 'bench-key';

const redisServer = await startRedisServer();
const client = await createClient({ url: redisServer.url }).connect();
let commands = 0;
const counted = {
  sendCommand: (args: readonly string[]) => {
    commands++;
    return client.sendCommand(args);
  },
  duplicate: () => client.duplicate(),
};

const simulator = createSimulator({ apiKey: API_KEY, timing: 'instant' });
function handlerOn(store: ProxyStore) {
  return createImageToVideoHandler({
    apiKey: API_KEY,
    baseUrl: 'http://simulator.test',
    fetch: simulator.fetch,
    store,
    authorize: (request) => (request.headers.get('x-user') ? { clientId: request.headers.get('x-user')! } : true),
    rateLimit: createRateLimiter({ limit: 1e9, store }),
  });
}
const handlers = { memory: handlerOn(createMemoryStore({ maxEntries: 1e6 })), redis: handlerOn(createRedisStore(counted)) };
type Kind = keyof typeof handlers;

const body = JSON.stringify({ image: 'https://cdn.example/cat.jpg', prompt: 'the cat turns its head' });
let intents = 0;
const submit = (kind: Kind) =>
  handlers[kind](
    new Request('http://app.test/api/wavespeed/luma/ray-2-flash-i2v', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `intent-${++intents}`, 'x-user': 'alice' },
      body,
    }),
  );
const read = (kind: Kind, id: string, user?: string) =>
  handlers[kind](new Request(`http://app.test/api/wavespeed/predictions/${id}/result`, { headers: user ? { 'x-user': user } : {} }));

async function timed(call: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await call();
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`answered ${response.status}`);
  return elapsed;
}

/** Round trips one call makes on the Redis store. */
async function roundTrips(call: () => Promise<Response>): Promise<number> {
  const before = commands;
  await (await call()).arrayBuffer();
  return commands - before;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50Ms: +pct(sorted, 0.5).toFixed(3), p99Ms: +pct(sorted, 0.99).toFixed(3) };
};

try {
  const ids = {} as Record<Kind, string>;
  for (const kind of ['memory', 'redis'] as const) {
    ids[kind] = ((await (await submit(kind)).json()) as { data: { id: string } }).data.id;
  }
  const ops = {
    submit: (kind: Kind) => submit(kind),
    ownerRead: (kind: Kind) => read(kind, ids[kind], 'alice'),
    anonymousRead: (kind: Kind) => read(kind, ids[kind]),
  };
  type Op = keyof typeof ops;
  const times = Object.fromEntries(Object.keys(ops).map((op) => [op, { memory: [] as number[], redis: [] as number[] }])) as Record<Op, Record<Kind, number[]>>;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const op of Object.keys(ops) as Op[]) {
      // Alternate which store goes first, so neither always runs on a warmer cache.
      for (const kind of (i % 2 === 0 ? ['memory', 'redis'] : ['redis', 'memory']) as Kind[]) {
        const t = await timed(() => ops[op](kind));
        if (i >= WARMUP) times[op][kind].push(t);
      }
    }
  }
  const row = (op: Op) => {
    const memory = stats(times[op].memory);
    const redis = stats(times[op].redis);
    return { memory, redis, addedP50Ms: +(redis.p50Ms - memory.p50Ms).toFixed(3), addedP99Ms: +(redis.p99Ms - memory.p99Ms).toFixed(3) };
  };
  const figures = {
    runs: RUNS,
    redisVersion: String(((await client.sendCommand(['INFO', 'server'])) as string).match(/redis_version:(\S+)/)?.[1]),
    submit: row('submit'),
    ownerRead: row('ownerRead'),
    anonymousRead: row('anonymousRead'),
    roundTrips: {
      submit: await roundTrips(() => submit('redis')),
      replayedSubmit: await roundTrips(() =>
        handlers.redis(new Request('http://app.test/api/wavespeed/luma/ray-2-flash-i2v', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `intent-${intents}`, 'x-user': 'alice' }, body })),
      ),
      ownerRead: await roundTrips(() => read('redis', ids.redis, 'alice')),
      anonymousRead: await roundTrips(() => read('redis', ids.redis)),
    },
  };
  const line = (name: string, r: ReturnType<typeof row>) =>
    `  ${name}: memory p50 ${r.memory.p50Ms} / p99 ${r.memory.p99Ms} ms, Redis p50 ${r.redis.p50Ms} / p99 ${r.redis.p99Ms} ms, added p50 ${r.addedP50Ms} / p99 ${r.addedP99Ms} ms`;
  console.log(`store: ${RUNS} of each, one at a time, in-process handler, redis-server ${figures.redisVersion} on loopback`);
  console.log(line('submit', figures.submit));
  console.log(line('owner-checked read', figures.ownerRead));
  console.log(line('read without clientId', figures.anonymousRead));
  console.log(`  Redis round trips: submit ${figures.roundTrips.submit}, replayed submit ${figures.roundTrips.replayedSubmit}, owner-checked read ${figures.roundTrips.ownerRead}, read without clientId ${figures.roundTrips.anonymousRead}`);
  writeResult('store', figures);
} finally {
  client.destroy();
  await redisServer.stop();
}
