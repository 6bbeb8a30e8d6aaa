import type { ImageToVideoTransport } from './ImageToVideoTransport';
import { loadProxyRequests } from './loadProxyRequests';
import type { ProxyTransportOptions } from './ProxyTransportOptions';

export type { ProxyTransportOptions } from './ProxyTransportOptions';

/**
 * The default transport: talks to `react-image-to-video/server` (or any proxy with the same
 * routes) on the host's own origin, so the WaveSpeed key stays on the server.
 *
 * Its requests load on first use (or on `preload()`), so a page that shows the drop-in does not
 * download them with its first paint. A failed load rejects that call as a `network` error, and
 * the next call loads again.
 */
export function createProxyTransport(options: ProxyTransportOptions = {}): ImageToVideoTransport {
  let requests: ImageToVideoTransport | undefined;
  const ready = (): Promise<ImageToVideoTransport> =>
    loadProxyRequests().then((loaded) => (requests ??= loaded.createProxyRequests(options)));
  return {
    submit: (input, submitOptions) => ready().then((loaded) => loaded.submit(input, submitOptions)),
    getResult: (id, getOptions) => ready().then((loaded) => loaded.getResult(id, getOptions)),
    // Nothing is known before the first answer, and only loaded code can have had one.
    maxWaitMs: () => requests?.maxWaitMs?.(),
    upload: (file, uploadOptions) => ready().then((loaded) => loaded.upload!(file, uploadOptions)),
    optimizePrompt: (input, optimizeOptions) => ready().then((loaded) => loaded.optimizePrompt!(input, optimizeOptions)),
    preload: () => {
      ready().catch(() => {});
    },
  };
}
