import {
  isPredictionId,
  PROMPT_OPTIMIZER_PATH,
  PROMPT_OPTIMIZER_ROUTE,
  RESULT_PATH_PATTERN,
  resultPath,
  SUBMIT_PATH,
  UPLOAD_PATH,
  WAVESPEED_API_PREFIX,
} from '../core/protocol';
import type { ProxyOperation } from './createRateLimiter';
import { isSafeRequestPath } from './isSafeRequestPath';

/** Matches exactly one protocol path. */
const exactly = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

export type RouteMatch =
  | { kind: 'route'; operation: Exclude<ProxyOperation, 'result'>; upstreamPath: string }
  | { kind: 'route'; operation: 'result'; upstreamPath: string; predictionId: string }
  | { kind: 'route'; operation: 'webhook'; upstreamPath: '' }
  | { kind: 'refused'; status: 400 | 404 | 405; message: string; allow?: string };

const ROUTES: ReadonlyArray<{ operation: ProxyOperation | 'webhook'; method: string; pattern: RegExp; upstream: (m: RegExpExecArray) => string }> = [
  { operation: 'submit', method: 'POST', pattern: exactly(SUBMIT_PATH), upstream: () => `${WAVESPEED_API_PREFIX}${SUBMIT_PATH}` },
  {
    operation: 'result',
    method: 'GET',
    pattern: RESULT_PATH_PATTERN,
    upstream: (m) => `${WAVESPEED_API_PREFIX}${resultPath(m[1]!)}`,
  },
  { operation: 'upload', method: 'POST', pattern: exactly(UPLOAD_PATH), upstream: () => `${WAVESPEED_API_PREFIX}${UPLOAD_PATH}` },
  { operation: 'optimize', method: 'POST', pattern: exactly(PROMPT_OPTIMIZER_ROUTE), upstream: () => `${WAVESPEED_API_PREFIX}${PROMPT_OPTIMIZER_PATH}` },
  // WaveSpeed's completion call; answered here, never forwarded.
  { operation: 'webhook', method: 'POST', pattern: exactly('/webhook'), upstream: () => '' },
];

/**
 * Maps a request to one of the forwarded operations, or to the refusal it gets. The
 * upstream path is built from constants and a checked id, never from the caller's path.
 */
export function matchProxyRoute(method: string, pathname: string, basePath: string): RouteMatch {
  if (!isSafeRequestPath(pathname)) return { kind: 'refused', status: 400, message: 'That path is not allowed.' };
  if (!pathname.startsWith(`${basePath}/`)) return { kind: 'refused', status: 404, message: 'Not found.' };
  const rest = pathname.slice(basePath.length);
  for (const route of ROUTES) {
    const match = route.pattern.exec(rest);
    if (!match) continue;
    if (route.operation === 'result' && !isPredictionId(match[1] ?? '')) {
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
