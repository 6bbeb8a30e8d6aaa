/**
 * Whether a request path is plain enough to route. The proxy's routes never need percent
 * escapes, backslashes, empty or dot segments, so any of those is refused rather than decoded:
 * `%2e%2e`, `%2F` and `//` cannot be turned into a different upstream path.
 */
export function isSafeRequestPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//')) return false;
  if (path.includes('%') || path.includes('\\') || path.includes('//')) return false;
  return !path.split('/').some((segment) => segment === '.' || segment === '..');
}
