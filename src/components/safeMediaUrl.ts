/**
 * The URL if it may go into `src`/`href`: `http(s)` always, `blob:` only when allowed (our own
 * object URLs for local previews). Anything else (`javascript:`, `data:`, garbage) is dropped.
 */
export function safeMediaUrl(url: string | undefined, allowBlob = false): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    if (protocol === 'http:' || protocol === 'https:' || (allowBlob && protocol === 'blob:')) return url;
  } catch {
    // not a URL
  }
  return undefined;
}
