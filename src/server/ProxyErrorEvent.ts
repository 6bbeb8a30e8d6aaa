import type { ProxyOperation } from './createRateLimiter';

/** What `onError` hears: which operation failed, and how. Never the key. */
export interface ProxyErrorEvent {
  operation: ProxyOperation | 'webhook';
  /** The upstream status, or what went wrong before there was one. */
  outcome: number | 'timeout' | 'unreachable' | 'too-large' | 'authorize-threw' | 'proxy-failed' | 'store-unavailable';
  error?: unknown;
}
