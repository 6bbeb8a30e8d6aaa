import { loadOnce } from './loadOnce';
import { toImageToVideoError } from './toImageToVideoError';

/**
 * Loads the proxy transport's requests, parsers and errors (about 7 KB minified): nothing of them
 * runs before the first upload, submit or read, so a page keeps them out of its first load. A
 * failed load rejects as a `network` error.
 */
export const loadProxyRequests = loadOnce(() =>
  import('./createProxyRequests').catch((error: unknown) => {
    throw toImageToVideoError(error);
  }),
);
