import type { ProxyStore, Unsubscribe } from './ProxyStore';
import { StoreUnavailableError } from './StoreUnavailableError';

/**
 * Bounds every call on `store` by `timeoutMs` and turns any failure into a
 * `StoreUnavailableError`, so a slow or unreachable shared store can never hang a request. The
 * call itself is not cancelled (stores cannot be): a subscription that goes live after its
 * caller gave up is unsubscribed at once, so it cannot leak.
 */
export function withStoreTimeout(store: ProxyStore, timeoutMs: number): ProxyStore {
  function bounded<T>(operation: string, call: () => Promise<T>, onLate?: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new StoreUnavailableError(operation, `The store did not answer ${operation} within ${timeoutMs} ms.`));
      }, timeoutMs);
      let pending: Promise<T>;
      try {
        pending = call();
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => {
          if (settled) return onLate?.(value);
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(new StoreUnavailableError(operation, `The store failed on ${operation}.`, { cause: error }));
        },
      );
    });
  }

  return {
    get: (key) => bounded('get', () => store.get(key)),
    set: (key, value, ttlMs) => bounded('set', () => store.set(key, value, ttlMs)),
    add: (key, value, ttlMs) => bounded('add', () => store.add(key, value, ttlMs)),
    delete: (key) => bounded('delete', () => store.delete(key)),
    increment: (key, windowMs) => bounded('increment', () => store.increment(key, windowMs)),
    publish: (channel, message) => bounded('publish', () => store.publish(channel, message)),
    subscribe: async (channel, listener) => {
      const stop = await bounded<Unsubscribe>('subscribe', () => store.subscribe(channel, listener), (late) => void late().catch(() => undefined));
      return () => bounded('unsubscribe', stop);
    },
    // Kept optional: a store without lists stays one.
    ...(store.pushRecent && store.readRecent
      ? {
          pushRecent: (key: string, value: string, keep: number, ttlMs: number) =>
            bounded('pushRecent', () => store.pushRecent!(key, value, keep, ttlMs)),
          readRecent: (key: string) => bounded('readRecent', () => store.readRecent!(key)),
        }
      : {}),
  };
}
