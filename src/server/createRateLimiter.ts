import { createMemoryStore } from './createMemoryStore';
import type { ProxyStore } from './ProxyStore';
import { withStoreTimeout } from './withStoreTimeout';

/** The operations the proxy forwards; `optimize` is the prompt optimizer (about $0.001 a call). */
export type ProxyOperation = 'submit' | 'result' | 'upload' | 'optimize';

export interface RateLimitContext {
  /** Who is asking: the `clientId` from `authorize`, else the client's address, else `'anonymous'`. */
  clientId: string;
  operation: ProxyOperation;
  request: Request;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Decides whether a request may go upstream. A denial answers 429 with `Retry-After`. */
export type RateLimit = (context: RateLimitContext) => RateLimitDecision | Promise<RateLimitDecision>;

export interface RateLimiterOptions {
  /** Requests allowed per client per window. */
  limit: number;
  /** Window length. Default 60 000 (WaveSpeed's own limits are per minute). */
  windowMs?: number;
  /** Which operations count. Default `['submit']`: submits are what cost money. */
  operations?: readonly ProxyOperation[];
  /** Where counters live. Default a fresh in-memory store (one instance only). */
  store?: ProxyStore;
  /**
   * Longest wait for a given `store`; past it (or on a store error) the request answers 503 with
   * `Retry-After` rather than passing uncounted. Default 2000.
   */
  storeTimeoutMs?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * A fixed-window limiter per client, to cap spend: `rateLimit: createRateLimiter({ limit: 2 })`.
 * With the default in-memory store it counts per process; pass a shared store to count across
 * instances.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimit {
  const windowMs = options.windowMs ?? 60_000;
  const operations = new Set(options.operations ?? ['submit']);
  const now = options.now ?? Date.now;
  const store = options.store ? withStoreTimeout(options.store, options.storeTimeoutMs ?? 2000) : createMemoryStore({ now });
  return async ({ clientId, operation }) => {
    if (!operations.has(operation)) return { allowed: true };
    const { count, resetAt } = await store.increment(`rate:${operation}:${clientId}`, windowMs);
    if (count <= options.limit) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(0, resetAt - now()) };
  };
}
