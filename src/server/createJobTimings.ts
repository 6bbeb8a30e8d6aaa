import { expectedFinishWindow } from '../core/expectedFinishWindow';
import type { ProxyStore } from './ProxyStore';

/** Enough for stable quantiles, few enough that a slow hour upstream is forgotten within the day. */
const KEEP = 30;
/** Samples older than this (no job of that duration since) are dropped: upstream speed drifts. */
const SAMPLES_TTL_MS = 24 * 60 * 60_000;
/** A task not seen finished within this long is not timed (the client gave up, or it failed). */
const STARTED_TTL_MS = 30 * 60_000;

const startedKey = (id: string) => `job-start:${id}`;
const timedKey = (id: string) => `job-timed:${id}`;
const samplesKey = (duration: number) => `job-ms:${duration}`;

export interface JobTimings {
  /** A task was accepted: remember when, and for which video duration. */
  started(predictionId: string, duration: number): Promise<void>;
  /** A read saw the task completed: time it once, however many instances and reads see it. */
  completed(predictionId: string): Promise<void>;
  /** When a task of `duration` seconds is likely to finish, in ms after it was accepted; undefined until 3 are timed. */
  window(duration: number): Promise<readonly [number, number] | undefined>;
}

/**
 * How long this proxy's tasks took, from accepted to first read as completed, per video duration,
 * kept in the `store` so every instance learns from every job. The submit's answer carries the
 * resulting window, so a visitor's very first job shows an estimate drawn from real jobs.
 * Does nothing on a store without lists (`pushRecent`/`readRecent`).
 */
export function createJobTimings(store: ProxyStore, now: () => number = Date.now): JobTimings {
  const { pushRecent, readRecent } = store;
  return {
    async started(predictionId, duration) {
      if (!pushRecent) return;
      await store.set(startedKey(predictionId), `${duration}:${now()}`, STARTED_TTL_MS);
    },
    async completed(predictionId) {
      if (!pushRecent) return;
      const started = await store.get(startedKey(predictionId));
      if (started === undefined) return;
      // Many polls (on many instances) may see the same completion: only the first one counts.
      if (!(await store.add(timedKey(predictionId), '1', STARTED_TTL_MS))) return;
      const [duration, at] = started.split(':').map(Number);
      const ms = now() - at!;
      if (!Number.isFinite(ms) || ms <= 0 || !Number.isFinite(duration)) return;
      await pushRecent.call(store, samplesKey(duration!), String(Math.round(ms)), KEEP, SAMPLES_TTL_MS);
    },
    async window(duration) {
      if (!readRecent) return undefined;
      const samples = (await readRecent.call(store, samplesKey(duration))).map(Number).filter((ms) => Number.isFinite(ms) && ms > 0);
      return expectedFinishWindow(samples);
    },
  };
}
