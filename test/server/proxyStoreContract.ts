import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyStore } from '../../src/server/ProxyStore';

/** Waits until `check` holds, polling, or fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every `ProxyStore` must do, in real time (a shared store has no fake clock). Each store
 * gets a fresh namespace per test through `prefix`, so stores that persist cannot leak state
 * between tests.
 */
export function describeProxyStoreContract(
  name: string,
  setup: () => Promise<{ open(prefix: string): ProxyStore; close(): Promise<void> }>,
): void {
  describe(`ProxyStore contract: ${name}`, () => {
    let env: Awaited<ReturnType<typeof setup>>;
    let count = 0;
    const fresh = () => env.open(`contract${++count}:`);
    beforeAll(async () => {
      env = await setup();
    });
    afterAll(async () => {
      await env.close();
    });

    it('gets what was set, until its ttl passes', async () => {
      const store = fresh();
      expect(await store.get('a')).toBeUndefined();
      await store.set('a', 'one', 80);
      expect(await store.get('a')).toBe('one');
      await store.set('a', 'two', 80);
      expect(await store.get('a')).toBe('two');
      await sleep(120);
      expect(await store.get('a')).toBeUndefined();
    });

    it('adds only when the key is absent or expired, and deletes', async () => {
      const store = fresh();
      expect(await store.add('k', 'first', 80)).toBe(true);
      expect(await store.add('k', 'second', 80)).toBe(false);
      expect(await store.get('k')).toBe('first');
      await sleep(120);
      expect(await store.add('k', 'third', 5000)).toBe(true);
      await store.delete('k');
      expect(await store.get('k')).toBeUndefined();
      await store.delete('never-set');
    });

    it('keeps the newest items of a list, newest first, shared and bounded under concurrent pushes', async () => {
      const store = fresh();
      expect(store.pushRecent && store.readRecent).toBeTypeOf('function');
      expect(await store.readRecent!('list')).toEqual([]);
      await store.pushRecent!('list', 'a', 3, 5000);
      await store.pushRecent!('list', 'b', 3, 5000);
      expect(await store.readRecent!('list')).toEqual(['b', 'a']);
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.pushRecent!('list', `c${i}`, 3, 5000)));
      const list = await store.readRecent!('list');
      expect(list).toHaveLength(3);
      expect(list.every((item) => item.startsWith('c'))).toBe(true);
      await store.pushRecent!('short', 'x', 3, 80);
      await sleep(120);
      expect(await store.readRecent!('short')).toEqual([]);
    });

    it('lets exactly one of many concurrent adds win', async () => {
      const store = fresh();
      const wins = await Promise.all(Array.from({ length: 50 }, (_, i) => store.add('claim', String(i), 5000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('counts in fixed windows that end when the first increment said', async () => {
      const store = fresh();
      const before = Date.now();
      const first = await store.increment('n', 300);
      expect(first.count).toBe(1);
      expect(first.resetAt).toBeGreaterThanOrEqual(before + 250);
      expect(first.resetAt).toBeLessThanOrEqual(Date.now() + 300);
      const second = await store.increment('n', 300);
      expect(second.count).toBe(2);
      // The window does not slide with each hit.
      expect(Math.abs(second.resetAt - first.resetAt)).toBeLessThan(50);
      const counts = await Promise.all(Array.from({ length: 20 }, () => store.increment('n', 300)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
      await sleep(350);
      expect((await store.increment('n', 300)).count).toBe(1);
    });

    it('publishes to every live subscriber of a channel, and to no one after they unsubscribe', async () => {
      const store = fresh();
      const heard: string[] = [];
      const stopA = await store.subscribe('task:1', (m) => heard.push(`a:${m}`));
      const stopB = await store.subscribe('task:1', (m) => heard.push(`b:${m}`));
      const stopOther = await store.subscribe('task:2', (m) => heard.push(`other:${m}`));
      await store.publish('task:1', 'done');
      await until(() => heard.length === 2);
      expect(heard.sort()).toEqual(['a:done', 'b:done']);
      await stopA();
      await stopA();
      await store.publish('task:1', 'again');
      // Messages arrive in order: once the marker on task:2 is heard, task:1's would have been too.
      await store.publish('task:2', 'marker');
      await until(() => heard.includes('other:marker'));
      expect(heard).toEqual(['a:done', 'b:done', 'b:again', 'other:marker']);
      await stopB();
      await store.publish('task:1', 'unheard');
      await store.publish('task:2', 'marker2');
      await until(() => heard.includes('other:marker2'));
      expect(heard).not.toContain('b:unheard');
      await stopOther();
    });

    it('unsubscribes the same listener subscribed twice once per subscription', async () => {
      const store = fresh();
      const heard: string[] = [];
      const listener = (m: string) => heard.push(m);
      const first = await store.subscribe('c', listener);
      const second = await store.subscribe('c', listener);
      await first();
      await store.publish('c', 'x');
      await until(() => heard.length === 1);
      await second();
    });

    it('holds no listener after many subscribe and unsubscribe cycles', async () => {
      const store = fresh();
      const listener = () => undefined;
      const heard: string[] = [];
      for (let i = 0; i < 1000; i++) {
        const stop = await store.subscribe(`task:${i % 7}`, listener);
        await stop();
      }
      // Still works afterwards.
      const stop = await store.subscribe('task:0', (m) => heard.push(m));
      await store.publish('task:0', 'after');
      await until(() => heard.length === 1);
      await stop();
    });
  });
}
