import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(notify: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const list = matchMedia(QUERY);
  list.addEventListener('change', notify);
  return () => list.removeEventListener('change', notify);
}

const read = () => (typeof matchMedia === 'function' ? matchMedia(QUERY).matches : false);
// On the server (and while hydrating) assume reduced motion: never autoplay before we know.
const readOnServer = () => true;

/** Whether the user asked for less motion; `true` on the server. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, read, readOnServer);
}
