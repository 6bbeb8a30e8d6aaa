import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/createMemoryStore';
import { createRateLimiter } from '../../src/server/createRateLimiter';

function clock(start = 1_000_000) {
  const c = { time: start, now: () => c.time };
  return c;
}

describe('createMemoryStore', () => {
  it('expires values after their ttl', async () => {
    const c = clock();
    const store = createMemoryStore({ now: c.now });
    await store.set('a', '1', 100);
    expect(await store.get('a')).toBe('1');
    c.time += 100;
    expect(await store.get('a')).toBeUndefined();
  });

  it('adds only when absent, or when the old value expired', async () => {
    const c = clock();
    const store = createMemoryStore({ now: c.now });
    expect(await store.add('k', 'first', 50)).toBe(true);
    expect(await store.add('k', 'second', 50)).toBe(false);
    expect(await store.get('k')).toBe('first');
    c.time += 60;
    expect(await store.add('k', 'third', 50)).toBe(true);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('counts in fixed windows', async () => {
    const c = clock();
    const store = createMemoryStore({ now: c.now });
    expect(await store.increment('n', 1000)).toEqual({ count: 1, resetAt: c.time + 1000 });
    c.time += 500;
    expect(await store.increment('n', 1000)).toEqual({ count: 2, resetAt: c.time + 500 });
    c.time += 500;
    expect((await store.increment('n', 1000)).count).toBe(1);
  });

  it('stays bounded, evicting the oldest entries first', async () => {
    const store = createMemoryStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await store.set(key, key, 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await Promise.all(['b', 'c', 'd'].map((k) => store.get(k)))).toEqual(['b', 'c', 'd']);
  });

  it('publishes to every live subscriber of a channel, and to no one after they unsubscribe', async () => {
    const store = createMemoryStore();
    const heard: string[] = [];
    const stopA = await store.subscribe('task:1', (m) => heard.push(`a:${m}`));
    const stopB = await store.subscribe('task:1', (m) => heard.push(`b:${m}`));
    await store.subscribe('task:2', (m) => heard.push(`other:${m}`));
    await store.publish('task:1', 'done');
    expect(heard).toEqual(['a:done', 'b:done']);
    await stopA();
    await stopA();
    await store.publish('task:1', 'again');
    expect(heard).toEqual(['a:done', 'b:done', 'b:again']);
    await stopB();
    expect(store.channelCount).toBe(1);
  });

  it('holds no channel after many subscribe and unsubscribe cycles', async () => {
    const store = createMemoryStore();
    const listener = () => undefined;
    for (let i = 0; i < 1000; i++) {
      const stop = await store.subscribe(`task:${i % 7}`, listener);
      await stop();
    }
    expect(store.channelCount).toBe(0);
  });
});

describe('createRateLimiter', () => {
  const request = new Request('http://localhost/');

  it('allows `limit` per client per window, then asks to wait until the window ends', async () => {
    const c = clock();
    const limit = createRateLimiter({ limit: 2, windowMs: 60_000, now: c.now });
    const ask = (clientId: string) => limit({ clientId, operation: 'submit', request });
    expect(await ask('a')).toEqual({ allowed: true });
    expect(await ask('a')).toEqual({ allowed: true });
    c.time += 20_000;
    expect(await ask('a')).toEqual({ allowed: false, retryAfterMs: 40_000 });
    expect(await ask('b')).toEqual({ allowed: true });
    c.time += 40_000;
    expect(await ask('a')).toEqual({ allowed: true });
  });

  it('counts only the operations it is given', async () => {
    const limit = createRateLimiter({ limit: 1 });
    for (let i = 0; i < 3; i++) expect(await limit({ clientId: 'a', operation: 'result', request })).toEqual({ allowed: true });
  });
});
