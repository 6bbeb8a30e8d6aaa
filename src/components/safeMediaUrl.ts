import { isHttpUrl } from '../core/index';

/**
 * The URL if it may go into `src`/`href`: `http(s)` always, `blob:` only when allowed (our own
 * object URLs for local previews). Anything else (`javascript:`, `data:`, garbage) is dropped.
 */
export function safeMediaUrl(url: string | undefined, allowBlob = false): string | undefined {
  if (!url) return undefined;
  return isHttpUrl(url) || (allowBlob && url.startsWith('blob:')) ? url : undefined;
}
