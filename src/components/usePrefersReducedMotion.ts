import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(notify: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const list = matchMedia(QUERY);
  list.addEventListener('change', notify);
  return () => list.removeEventListener('change', notify);
}

const read = () => (typeof matchMedia === 'function' ? matchMedia(QUERY).matches : false);
// Unknown on the server and while hydrating: callers render nothing that depends on it yet.
const readOnServer = () => undefined;

/** Whether the user asked for less motion; `undefined` on the server and while hydrating. */
export function usePrefersReducedMotion(): boolean | undefined {
  return useSyncExternalStore(subscribe, read, readOnServer);
}
