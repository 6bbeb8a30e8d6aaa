/** Fewer samples than this say too little about a distribution to show as "usually". */
const MIN_SAMPLES = 3;

function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index]!;
}

/**
 * When a job is likely to finish, in ms after it was accepted, from how long real jobs took: the
 * 10th to the 90th percentile of `samples`. `undefined` with fewer than 3 samples, so nobody shows
 * a guess as if it were measured.
 */
export function expectedFinishWindow(samples: readonly number[]): readonly [number, number] | undefined {
  if (samples.length < MIN_SAMPLES) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return [Math.round(quantile(sorted, 0.1)), Math.round(quantile(sorted, 0.9))];
}
