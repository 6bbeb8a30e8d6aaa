import type { CounterState, ProxyStore } from './ProxyStore';

export interface MemoryStoreOptions {
  /** Most entries kept; the oldest are evicted first. Default 10 000. */
  maxEntries?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** The in-memory store, which also tells how many channels have a listener (leak checks). */
export interface MemoryStore extends ProxyStore {
  readonly channelCount: number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The default `ProxyStore`: a bounded map with expiry, for a single instance. State is lost on
 * restart and not shared between instances; use a shared store for those deployments.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so the first key is always the oldest write.
  const entries = new Map<string, Entry>();
  const channels = new Map<string, Set<(message: string) => void>>();

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

  function readList(key: string): string[] {
    const entry = read(key);
    if (!entry) return [];
    try {
      const list: unknown = JSON.parse(entry.value);
      return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
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
    async pushRecent(key, value, keep, ttlMs) {
      // Stored as JSON in one entry, so it shares the bound and eviction of everything else.
      const list = [value, ...readList(key)].slice(0, Math.max(1, keep));
      write(key, { value: JSON.stringify(list), expiresAt: now() + ttlMs });
    },
    async readRecent(key) {
      return readList(key);
    },
    async publish(channel, message) {
      // A copy: a listener that unsubscribes while being called must not skip its neighbour.
      for (const listener of [...(channels.get(channel) ?? [])]) listener(message);
    },
    async subscribe(channel, listener) {
      // Each call gets its own entry, so the same function subscribed twice is unsubscribed once each.
      const entry = (message: string) => listener(message);
      let listeners = channels.get(channel);
      if (!listeners) channels.set(channel, (listeners = new Set()));
      listeners.add(entry);
      return async () => {
        listeners.delete(entry);
        if (listeners.size === 0 && channels.get(channel) === listeners) channels.delete(channel);
      };
    },
    get channelCount() {
      return channels.size;
    },
  };
}
