import type { CounterState, ProxyStore } from './ProxyStore';

export interface MemoryStoreOptions {
  /** Most entries kept; the oldest are evicted first. Default 10 000. */
  maxEntries?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The default `ProxyStore`: a bounded map with expiry, for a single instance. State is lost on
 * restart and not shared between instances; use a shared store for those deployments.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ProxyStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so the first key is always the oldest write.
  const entries = new Map<string, Entry>();

  function read(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function write(key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size <= maxEntries) return;
    const time = now();
    for (const [k, e] of entries) {
      if (e.expiresAt <= time) entries.delete(k);
    }
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  return {
    async get(key) {
      return read(key)?.value;
    },
    async set(key, value, ttlMs) {
      write(key, { value, expiresAt: now() + ttlMs });
    },
    async add(key, value, ttlMs) {
      if (read(key)) return false;
      write(key, { value, expiresAt: now() + ttlMs });
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
    async increment(key, windowMs): Promise<CounterState> {
      const entry = read(key);
      if (!entry) {
        const resetAt = now() + windowMs;
        write(key, { value: '1', expiresAt: resetAt });
        return { count: 1, resetAt };
      }
      const count = Number(entry.value) + 1;
      // Keep the window's original end: a fixed window, not one that slides with every hit.
      entry.value = String(count);
      return { count, resetAt: entry.expiresAt };
    },
  };
}
