/**
 * What an http(s) URL must look like before it is parsed: the scheme, `//`, then a host character,
 * and nothing the URL parser would silently repair (whitespace, control characters, backslashes).
 */
const WELL_FORMED = /^https?:\/\/[^/\\?#@\s]/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const REPAIRED_BY_PARSER = /[\u0000-\u0020\u007f\\]/;

/**
 * Whether `value` is an http(s) URL as written: it parses, and it needs no repair to parse.
 * `https:x.example/a.png`, `https:///a.png` and URLs with a tab or newline inside parse only
 * because the URL parser fixes them, so what would be forwarded is not what was checked; they are
 * refused here, the one rule the client and the proxy share.
 */
export function isHttpUrl(value: string): boolean {
  if (!WELL_FORMED.test(value) || REPAIRED_BY_PARSER.test(value)) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
