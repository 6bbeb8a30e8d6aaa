import { expectedFinishWindow } from './expectedFinishWindow';

/**
 * When this job is likely to finish, in ms after it was accepted: the browser's own recent jobs of
 * the same duration once there are 3, else the server's window (measured on every visitor's jobs)
 * stretched to cover the few the browser has seen, else `undefined` (nothing measured yet).
 */
export function estimateFinish(
  serverWindowMs: readonly [number, number] | undefined,
  ownSamplesMs: readonly number[],
): readonly [number, number] | undefined {
  const own = expectedFinishWindow(ownSamplesMs);
  if (own) return own;
  if (!serverWindowMs) return undefined;
  if (ownSamplesMs.length === 0) return serverWindowMs;
  return [Math.min(serverWindowMs[0], ...ownSamplesMs), Math.max(serverWindowMs[1], ...ownSamplesMs)];
}
