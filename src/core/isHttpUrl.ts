/** Whether `value` parses as an http(s) URL (which the URL parser never lets have an empty host). */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
