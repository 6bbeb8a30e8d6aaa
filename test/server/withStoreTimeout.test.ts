import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/createMemoryStore';
import type { ProxyErrorEvent } from '../../src/server/createImageToVideoHandler';
import type { ProxyStore, Unsubscribe } from '../../src/server/ProxyStore';
import { StoreUnavailableError } from '../../src/server/StoreUnavailableError';
import { withStoreTimeout } from '../../src/server/withStoreTimeout';
import { VALID_SUBMIT, startHarness, submit, type Harness } from './proxyHarness';

/** A store whose chosen operations never answer, as a Redis that stopped responding. */
function stalled(operations: (keyof ProxyStore)[], base: ProxyStore = createMemoryStore()): ProxyStore {
  const never = () => new Promise<never>(() => undefined);
  const names: (keyof ProxyStore)[] = ['get', 'set', 'add', 'delete', 'increment', 'publish', 'subscribe'];
  return Object.fromEntries(
    names.map((name) => [name, operations.includes(name) ? never : (base[name] as (...args: unknown[]) => unknown).bind(base)]),
  ) as unknown as ProxyStore;
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('withStoreTimeout', () => {
  it('rejects a call that does not answer in time with a StoreUnavailableError, and one that fails too', async () => {
    const store = withStoreTimeout(stalled(['get']), 50);
    const started = Date.now();
    await expect(store.get('k')).rejects.toMatchObject({ name: 'StoreUnavailableError', operation: 'get' });
    expect(Date.now() - started).toBeLessThan(500);
    const failing = withStoreTimeout({ ...createMemoryStore(), add: () => Promise.reject(new Error('READONLY')) }, 50);
    const error = await failing.add('k', 'v', 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).cause).toEqual(new Error('READONLY'));
  });

  it('unsubscribes a subscription that went live after its caller gave up', async () => {
    const memory = createMemoryStore();
    let release: (() => void) | undefined;
    const slow: ProxyStore = {
      ...memory,
      subscribe: async (channel, listener) => {
        await new Promise<void>((resolve) => (release = resolve));
        return memory.subscribe(channel, listener);
      },
    };
    await expect(withStoreTimeout(slow, 20).subscribe('task:1', () => undefined)).rejects.toBeInstanceOf(StoreUnavailableError);
    release!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(memory.channelCount).toBe(0);
  });

  it('passes answers through, and bounds the unsubscribe it hands back', async () => {
    const memory = createMemoryStore();
    const store = withStoreTimeout(memory, 100);
    await store.set('a', '1', 1000);
    expect(await store.get('a')).toBe('1');
    const stop: Unsubscribe = await store.subscribe('c', () => undefined);
    expect(memory.channelCount).toBe(1);
    await stop();
    expect(memory.channelCount).toBe(0);
  });
});

describe('the handler on a store that stopped answering', () => {
  const authorize = (request: Request) => ({ clientId: request.headers.get('x-user') ?? 'anon' });

  it('answers a submit 503 with Retry-After within the timeout and never forwards it', async () => {
    const events: ProxyErrorEvent[] = [];
    const h = (harness = await startHarness({ store: stalled(['add', 'get', 'set', 'increment']), storeTimeoutMs: 100, authorize, onError: (e) => events.push(e) }));
    const started = Date.now();
    const answer = await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k', 'x-user': 'a' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(await answer.json()).toMatchObject({ code: 503, message: expect.stringContaining('state store') });
    expect(h.upstream.simulator.taskCount).toBe(0);
    expect(events).toEqual([expect.objectContaining({ operation: 'submit', outcome: 'store-unavailable', error: expect.any(StoreUnavailableError) })]);
    // An owner-checked read is not relayed either.
    expect((await fetch(`${h.api}/predictions/abc123/result`, { headers: { 'x-user': 'a' } })).status).toBe(503);
  });

  it('still answers the created task when only recording it fails', async () => {
    const events: ProxyErrorEvent[] = [];
    const h = (harness = await startHarness({ store: stalled(['set']), storeTimeoutMs: 100, authorize, onError: (e) => events.push(e) }));
    const answer = await submit(h.api, VALID_SUBMIT, { 'idempotency-key': 'k', 'x-user': 'a' });
    expect(answer.status).toBe(200);
    expect(h.upstream.simulator.taskCount).toBe(1);
    expect(events.map((e) => e.outcome)).toContain('store-unavailable');
  });
});
