import { createServer } from 'node:http';
import { createImageToVideoHandler, type ImageToVideoHandlerOptions, type ProxyErrorEvent } from '../../../src/server/createImageToVideoHandler';
import { createRateLimiter } from '../../../src/server/createRateLimiter';
import type { ProxyStore } from '../../../src/server/ProxyStore';
import { toNodeHandler } from '../../../src/server/toNodeHandler';
import { closeServer, listen } from '../proxyHarness';

export const INSTANCE_API_KEY = 'test-key-0123456789';
export const SUBMITS_PER_MINUTE = 5;

export interface ProxyInstance {
  api: string;
  close(): Promise<void>;
}

/**
 * One proxy instance as a host would deploy several: clients named by `x-user`, a limit of 5
 * submits per minute per client, all state in the given (shared) store.
 */
export async function startProxyInstance(options: {
  store: ProxyStore;
  upstreamUrl: string;
  storeTimeoutMs: number;
  onError?: (event: ProxyErrorEvent) => void;
  /** Push completion, for the webhook-on-one, wait-on-another test. */
  webhook?: ImageToVideoHandlerOptions['webhook'];
}): Promise<ProxyInstance> {
  const handler = createImageToVideoHandler({
    apiKey: INSTANCE_API_KEY,
    baseUrl: options.upstreamUrl,
    store: options.store,
    storeTimeoutMs: options.storeTimeoutMs,
    authorize: (request) => ({ clientId: request.headers.get('x-user') ?? 'anonymous' }),
    rateLimit: createRateLimiter({ limit: SUBMITS_PER_MINUTE, store: options.store, storeTimeoutMs: options.storeTimeoutMs }),
    onError: options.onError,
    webhook: options.webhook,
  });
  const server = createServer(toNodeHandler(handler));
  const port = await listen(server);
  return { api: `http://127.0.0.1:${port}/api/wavespeed`, close: () => closeServer(server) };
}
