export { createImageToVideoHandler } from './createImageToVideoHandler';
export type {
  ImageToVideoHandler,
  ImageToVideoHandlerOptions,
  AuthorizeResult,
  HandlerContext,
  ProxyLimits,
  ProxyErrorEvent,
  WebhookOptions,
} from './createImageToVideoHandler';
export { toNodeHandler } from './toNodeHandler';
export type { NodeHandler, NodeHandlerOptions, NodeRequestLike, NodeResponseLike } from './toNodeHandler';
export { createMemoryStore } from './createMemoryStore';
export type { MemoryStore, MemoryStoreOptions } from './createMemoryStore';
export { createRateLimiter } from './createRateLimiter';
export type { RateLimit, RateLimitContext, RateLimitDecision, RateLimiterOptions, ProxyOperation } from './createRateLimiter';
export type { ProxyStore, CounterState, Unsubscribe } from './ProxyStore';
export { StoreUnavailableError } from './StoreUnavailableError';
