import { http, HttpResponse, type HttpHandler } from 'msw';
import { createImageToVideoHandler, type ImageToVideoHandlerOptions } from '../server/createImageToVideoHandler';
import { createMemoryStore } from '../server/createMemoryStore';
import { createSimulator, SimulatedDropError, type Simulator, type SimulatorOptions } from './createSimulator';

/** The proxy's own options a test may set; the key, upstream and mount come from the handlers. */
export type ProxyHandlerOptions = Omit<ImageToVideoHandlerOptions, 'apiKey' | 'baseUrl' | 'basePath' | 'fetch'>;

export interface ProxyHandlersOptions extends Omit<SimulatorOptions, 'basePath' | 'publicUrl'> {
  /** Where the client reaches the proxy; the `baseUrl` given to `createProxyTransport`. Default `'/api/wavespeed'`. */
  baseUrl?: string;
  /** The path the simulator's uploads and videos are served under, on the proxy's origin. Default `'/__simulator'`. */
  simulatorPath?: string;
  /**
   * Options for the real proxy the handlers mount (`authorize`, `rateLimit`, `limits`, `store`,
   * `onError`…), so a test runs the configuration the app deploys. Default: the proxy's defaults,
   * with one in-memory store shared by every request.
   */
  proxy?: ProxyHandlerOptions;
}

export interface ProxyHandlers {
  /** Pass to `setupServer(...)` (msw/node), `setupWorker(...)` (msw/browser) or `worker.use(...)`. */
  handlers: HttpHandler[];
  /** The simulator behind the handlers: inject faults, change timing, read `requests`. */
  simulator: Simulator;
}

/** Stands in for the server's key between the proxy and the simulator; it never means anything. */
const HANDLER_KEY = 'msw-handlers-fake-key';

/**
 * MSW handlers that run the real proxy (`createImageToVideoHandler` from
 * `react-image-to-video/server`) in process, with an in-process simulator as its upstream, plus
 * the simulator's own media and video URLs. So a test exercises the proxy the app deploys: its
 * routes, checks, idempotency and error relaying, and every route it gains. Requests keep their
 * real HTTP shape end to end: multipart uploads, status codes, `Retry-After`, ranges on the
 * video. An injected `drop` fault breaks the client's connection (a network error in the
 * browser), as a dropped connection does in the field; the other faults reach the client as the
 * proxy relays them.
 *
 * The only module of `react-image-to-video/testing` that needs `msw` (an optional peer).
 */
export function createProxyHandlers(options: ProxyHandlersOptions = {}): ProxyHandlers {
  const { baseUrl: rawBase = '/api/wavespeed', simulatorPath: rawSimPath = '/__simulator', proxy = {}, ...simulatorOptions } = options;
  const baseUrl = rawBase.replace(/\/+$/, '');
  const basePath = new URL(baseUrl, 'http://localhost').pathname.replace(/\/+$/, '');
  const simulatorPath = `/${rawSimPath.replace(/^\/+|\/+$/g, '')}`;
  // An absolute `baseUrl` (Node tests have no page origin) puts the simulator's files on its origin.
  const origin = /^https?:\/\//.test(baseUrl) ? new URL(baseUrl).origin : '';
  const simulator = createSimulator({ ...simulatorOptions, basePath: simulatorPath });
  const apiKey = simulatorOptions.apiKey ?? HANDLER_KEY;
  // One store across requests: idempotency and ownership outlive the request that recorded them.
  const store = proxy.store ?? createMemoryStore();

  /** The simulator's answer; an injected drop becomes the network error MSW answers with. */
  async function answer(request: Request): Promise<Response> {
    try {
      return await simulator.handler(request);
    } catch (error) {
      if (error instanceof SimulatedDropError) return HttpResponse.error();
      throw error;
    }
  }

  async function throughProxy(request: Request): Promise<Response> {
    // A handler per request (creating one is cheap), so a drop upstream is known to be this request's.
    let dropped = false;
    const handler = createImageToVideoHandler({
      ...proxy,
      store,
      apiKey,
      basePath,
      baseUrl: `${new URL(request.url).origin}${simulatorPath}`,
      fetch: simulator.fetch,
      onError(event) {
        if (event.error instanceof SimulatedDropError) dropped = true;
        proxy.onError?.(event);
      },
    });
    const response = await handler(request);
    return dropped ? HttpResponse.error() : response;
  }

  const handlers: HttpHandler[] = [
    // Everything under the proxy, as the app mounts it: unknown paths get the proxy's own 404 and
    // nothing falls through to the network.
    http.all(`${baseUrl}/*`, ({ request }) => throughProxy(request)),
    http.get(`${origin}${simulatorPath}/*`, ({ request }) => answer(request)),
  ];
  return { handlers, simulator };
}
