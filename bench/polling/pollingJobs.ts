/** One simulated job: how long it takes upstream, and what goes wrong while we watch it. */
export interface PollingJob {
  queueMs: number;
  processingMs: number;
  /** Injected into status reads at this fraction of the job's length (all pollers see the same). */
  fault?: { kind: 'unavailable' | 'rate-limited'; atFraction: number; count: number; retryAfterSeconds?: number };
}

export interface PollingJobSet {
  typical: number;
  veryLong: number;
  transientErrors: number;
  rateLimited: number;
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same jobs on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic spread: most jobs finish 20–70 s after submit (third-party hosts report 30–65 s for
 * Ray 2 Flash), skewed towards the middle; a few run for minutes; a few meet 503s or 429s mid-way.
 */
export function pollingJobs(set: PollingJobSet, seed = 1): PollingJob[] {
  const random = seededRandom(seed);
  const total = (lo: number, hi: number) => {
    // The mean of two uniforms: a triangular spread peaking mid-range.
    const ms = lo + ((random() + random()) / 2) * (hi - lo);
    const queueMs = Math.round(1000 + random() * 4000);
    return { queueMs, processingMs: Math.round(ms - queueMs) };
  };
  const jobs: PollingJob[] = [];
  for (let i = 0; i < set.typical; i++) jobs.push(total(20_000, 70_000));
  for (let i = 0; i < set.veryLong; i++) jobs.push(total(120_000, 360_000));
  for (let i = 0; i < set.transientErrors; i++) {
    jobs.push({ ...total(20_000, 70_000), fault: { kind: 'unavailable', atFraction: 0.3 + random() * 0.4, count: 2 } });
  }
  for (let i = 0; i < set.rateLimited; i++) {
    jobs.push({
      ...total(20_000, 70_000),
      fault: { kind: 'rate-limited', atFraction: 0.3 + random() * 0.4, count: 2, retryAfterSeconds: 5 },
    });
  }
  // Interleave, so the fault jobs are not all at the end.
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!];
  }
  return jobs;
}
