import type { ProxyOperation } from './createRateLimiter';
import { isSafeRequestPath } from './isSafeRequestPath';

/** The same opaque-id pattern the client enforces: nothing that can change a URL's path. */
const PREDICTION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export type RouteMatch =
  | { kind: 'route'; operation: Exclude<ProxyOperation, 'result'>; upstreamPath: string }
  | { kind: 'route'; operation: 'result'; upstreamPath: string; predictionId: string }
  | { kind: 'route'; operation: 'webhook'; upstreamPath: '' }
  | { kind: 'refused'; status: 400 | 404 | 405; message: string; allow?: string };

const ROUTES: ReadonlyArray<{ operation: ProxyOperation | 'webhook'; method: string; pattern: RegExp; upstream: (m: RegExpExecArray) => string }> = [
  { operation: 'submit', method: 'POST', pattern: /^\/luma\/ray-2-flash-i2v$/, upstream: () => '/api/v3/luma/ray-2-flash-i2v' },
  {
    operation: 'result',
    method: 'GET',
    pattern: /^\/predictions\/([^/]+)\/result$/,
    upstream: (m) => `/api/v3/predictions/${m[1]}/result`,
  },
  { operation: 'upload', method: 'POST', pattern: /^\/media\/upload\/binary$/, upstream: () => '/api/v3/media/upload/binary' },
  // WaveSpeed's completion call; answered here, never forwarded.
  { operation: 'webhook', method: 'POST', pattern: /^\/webhook$/, upstream: () => '' },
];

/**
 * Maps a request to one of the three forwarded operations, or to the refusal it gets. The
 * upstream path is built from constants and a checked id, never from the caller's path.
 */
export function matchProxyRoute(method: string, pathname: string, basePath: string): RouteMatch {
  if (!isSafeRequestPath(pathname)) return { kind: 'refused', status: 400, message: 'That path is not allowed.' };
  if (!pathname.startsWith(`${basePath}/`)) return { kind: 'refused', status: 404, message: 'Not found.' };
  const rest = pathname.slice(basePath.length);
  for (const route of ROUTES) {
    const match = route.pattern.exec(rest);
    if (!match) continue;
    if (route.operation === 'result' && !PREDICTION_ID.test(match[1] ?? '')) {
      return { kind: 'refused', status: 400, message: 'That is not a prediction id.' };
    }
    if (method !== route.method) {
      return { kind: 'refused', status: 405, message: `Use ${route.method} here.`, allow: route.method };
    }
    if (route.operation === 'webhook') return { kind: 'route', operation: 'webhook', upstreamPath: '' };
    const upstreamPath = route.upstream(match);
    return route.operation === 'result'
      ? { kind: 'route', operation: 'result', upstreamPath, predictionId: match[1]! }
      : { kind: 'route', operation: route.operation, upstreamPath };
  }
  return { kind: 'refused', status: 404, message: 'Not found.' };
}
