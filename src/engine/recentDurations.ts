import type { QueryClient } from '@tanstack/react-query';

/** Enough for the schedule's quantiles to settle, few enough that a slow hour is forgotten. */
const KEEP = 20;

/** Per host QueryClient (its lifetime is the app's), then per requested video duration. */
const byClient = new WeakMap<QueryClient, Map<number, number[]>>();

/**
 * How long this app's recent jobs took, from accepted to seen completed, per video duration (a
 * 10 s video takes longer than a 5 s one). Fed to the poll schedule so its dense window follows
 * the jobs this host actually runs instead of the prior.
 */
export const recentDurations = {
  /** The samples for `duration` seconds, oldest first; empty until a job finishes. */
  get(client: QueryClient, duration: number): readonly number[] {
    return byClient.get(client)?.get(duration) ?? [];
  },
  record(client: QueryClient, duration: number, ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return;
    let map = byClient.get(client);
    if (!map) {
      map = new Map();
      byClient.set(client, map);
    }
    // A new array each time: a watcher holding the old one keeps a consistent view.
    const next = [...(map.get(duration) ?? []), ms].slice(-KEEP);
    map.set(duration, next);
  },
};
