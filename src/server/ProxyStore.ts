/** What `increment` answers: the count inside the current window and when that window ends. */
export interface CounterState {
  count: number;
  /** Epoch ms at which the window resets. */
  resetAt: number;
}

/** Stops one subscription. Calling it again does nothing. */
export type Unsubscribe = () => Promise<void>;

/**
 * Where the proxy keeps its own state: idempotency records, rate-limit counters, task owners, and
 * the channel that tells a waiting request that a task finished. Async and string-valued so a
 * shared store (Redis, a KV namespace) can replace the in-memory default when the proxy runs on
 * more than one instance.
 */
export interface ProxyStore {
  get(key: string): Promise<string | undefined>;
  /** Stores a value that disappears after `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Stores a value only when the key is absent (Redis `SET NX PX`); answers whether it did. */
  add(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Adds one to a counter that starts at 1 and resets `windowMs` after its first increment. */
  increment(key: string, windowMs: number): Promise<CounterState>;
  /**
   * Delivers `message` to every current subscriber of `channel`, on every instance. At most once:
   * a message published while nobody listens is gone, so readers subscribe before they read state.
   */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Listens on `channel`. Resolves once the subscription is live (a publish after that is heard);
   * the answer unsubscribes, and must be called on every path (finish, abort, error).
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<Unsubscribe>;
  /**
   * Puts `value` at the head of the list at `key`, keeps its newest `keep` items and makes the list
   * expire `ttlMs` after this push, all in one atomic step (Redis: one script). Optional: a store
   * without it works, and the proxy then tells clients no expected job length.
   */
  pushRecent?(key: string, value: string, keep: number, ttlMs: number): Promise<void>;
  /** The list at `key`, newest first; empty when there is none. Optional, with `pushRecent`. */
  readRecent?(key: string): Promise<string[]>;
}
