export interface ProxyTransportOptions {
  /** Where the proxy is mounted on the host's server. Default `'/api/wavespeed'`. */
  baseUrl?: string;
  /** The fetch to use (tests, SSR, instrumentation). Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra headers for every request, such as a CSRF token. Never put the WaveSpeed key here. */
  headers?: HeadersInit | (() => HeadersInit);
  /** Default `'same-origin'`: the host's session cookie reaches its own proxy and nothing else. */
  credentials?: RequestCredentials;
}
