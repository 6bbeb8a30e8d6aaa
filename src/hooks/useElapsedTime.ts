import { useCallback, useState, useSyncExternalStore } from 'react';

export interface UseElapsedTimeOptions {
  /** How often the value ticks, in ms. Default 1000. */
  intervalMs?: number;
  /** Whether it ticks; when false the value stays where it was. Default `true`. */
  running?: boolean;
}

/** One clock per hook instance: its own reading of "now", refreshed by its own interval. */
function createClock() {
  let now: number | undefined;
  return {
    read: () => now,
    start(intervalMs: number, notify: () => void): () => void {
      // Read now at once: React compares snapshots right after subscribing and re-renders if needed.
      now = Date.now();
      const id = setInterval(() => {
        now = Date.now();
        notify();
      }, intervalMs);
      return () => clearInterval(id);
    },
  };
}

const noSubscription = () => () => {};

/** Nothing ticks on the server, and hydration must match it. */
const serverSnapshot = () => undefined;

/**
 * Milliseconds since `since` (epoch ms), ticking every `intervalMs` while `running`. Only the
 * component that calls it re-renders on a tick, so put it in the part that shows the time.
 * 0 when `since` is undefined, during server rendering and hydration.
 */
export function useElapsedTime(since: number | undefined, options: UseElapsedTimeOptions = {}): number {
  const { intervalMs = 1000, running = true } = options;
  const [clock] = useState(createClock);
  const active = running && since !== undefined;
  const subscribe = useCallback(
    (notify: () => void) => (active ? clock.start(Math.max(16, intervalMs), notify) : noSubscription()),
    [clock, active, intervalMs],
  );
  const now = useSyncExternalStore(subscribe, clock.read, serverSnapshot);
  if (since === undefined || now === undefined) return 0;
  return Math.max(0, now - since);
}
