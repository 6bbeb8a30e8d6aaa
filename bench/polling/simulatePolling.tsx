import { QueryClient } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import type { ImageToVideoTransport } from '../../src/core/ImageToVideoTransport';
import { isImageToVideoError } from '../../src/core/ImageToVideoError';
import type { Prediction } from '../../src/core/predictionSchema';
import { useImageToVideo } from '../../src/hooks/useImageToVideo';
import { createSimulator } from '../../src/testing/createSimulator';
import type { PollingJob } from './pollingJobs';
import { seededRandom } from './pollingJobs';

/**
 * A fake clock that the simulation drives: `next()` moves time to the next pending timer and runs
 * it (with the promise callbacks it sets off). Vitest's `vi` and @sinonjs/fake-timers both provide
 * one; `setImmediate` must stay real, it is how in-process I/O is let finish at a fixed instant.
 */
export interface SimulationClock {
  next(): Promise<void>;
}

export type PollerName = 'ours' | 'fixed-1s' | 'fixed-5s';

export interface JobOutcome {
  /** Status reads made for this job, failed ones included. */
  requests: number;
  /** From the simulated finish to the video URL in state (ours) or in hand (fixed pollers), ms. */
  lagMs: number;
  /** For each 429 answered: how long until the next read of that job, and what Retry-After asked. */
  after429: { gapMs: number; retryAfterMs: number }[];
  status: 'completed' | 'failed';
}

const realSetImmediate = globalThis.setImmediate;
const MAX_STEPS = 100_000;
const REQUEST = { image: 'https://cdn.example/cat.jpg', prompt: 'the cat turns its head' };

interface Logged {
  at: number;
  id: string;
  status: number;
  retryAfterMs?: number;
}

/** The simulator behind the real proxy transport, with every status read logged in fake time. */
export function simulatedTransport() {
  const simulator = createSimulator({ timing: 'instant' });
  const log: Logged[] = [];
  let inflight = 0;
  const base = createProxyTransport({
    baseUrl: 'http://simulator.test/api/v3',
    headers: { authorization: 'Bearer bench' },
    fetch: async (input, init) => {
      const response = await simulator.fetch(input, init);
      const id = /\/predictions\/([^/]+)\/result$/.exec(String(input))?.[1];
      if (id) {
        const retryAfter = response.headers.get('retry-after');
        log.push({ at: Date.now(), id, status: response.status, retryAfterMs: retryAfter ? Number(retryAfter) * 1000 : undefined });
      }
      return response;
    },
  });
  // Counted at the transport, so a body still streaming in counts as in flight.
  const track =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      inflight++;
      try {
        return await fn(...args);
      } finally {
        inflight--;
      }
    };
  const transport: ImageToVideoTransport = {
    submit: track(base.submit.bind(base)),
    getResult: track(base.getResult.bind(base)),
  };
  /** Lets real-async work (stream reads) finish without moving the fake clock. */
  async function drain(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      if (inflight === 0) return;
    }
    throw new Error('A request never settled.');
  }
  return { simulator, transport, log, drain };
}

function outcomeFor(id: string, log: readonly Logged[], finishAt: number, detectedAt: number | undefined, status: JobOutcome['status']): JobOutcome {
  const reads = log.filter((entry) => entry.id === id);
  const after429: JobOutcome['after429'] = [];
  reads.forEach((entry, index) => {
    const next = reads[index + 1];
    if (entry.status === 429 && next) after429.push({ gapMs: next.at - entry.at, retryAfterMs: entry.retryAfterMs ?? 0 });
  });
  return { requests: reads.length, lagMs: detectedAt === undefined ? Number.NaN : detectedAt - finishAt, after429, status };
}

function scheduleFault(simulator: ReturnType<typeof createSimulator>, job: PollingJob): ReturnType<typeof setTimeout> | undefined {
  const fault = job.fault;
  if (!fault) return undefined;
  return setTimeout(
    () => {
      simulator.inject(
        fault.kind === 'rate-limited'
          ? { kind: 'rate-limit', retryAfterSeconds: fault.retryAfterSeconds, count: fault.count, operations: ['result'] }
          : { kind: 'status', status: 503, count: fault.count, operations: ['result'] },
      );
    },
    Math.round((job.queueMs + job.processingMs) * fault.atFraction),
  );
}

const finishOf = (prediction: Prediction, job: PollingJob) => Date.parse(prediction.createdAt!) + job.queueMs + job.processingMs;

/** Our hook, exactly as an app uses it: `useImageToVideo` over the proxy transport, default schedule. */
async function runOurs(jobs: readonly PollingJob[], clock: SimulationClock): Promise<JobOutcome[]> {
  const { simulator, transport, log, drain } = simulatedTransport();
  const random = seededRandom(7);
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    simulator.setTiming({ queueMs: job.queueMs, processingMs: job.processingMs });
    const client = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity }, mutations: { gcTime: Infinity } } });
    let detectedAt: number | undefined;
    const hook = renderHook(() => {
      // Jitter seeded so runs repeat exactly; everything else is the default schedule.
      const result = useImageToVideo({ transport, queryClient: client, schedule: { random } });
      if (result.videoUrl !== undefined && detectedAt === undefined) detectedAt = Date.now();
      return result;
    });
    let accepted: Prediction | undefined;
    await act(async () => {
      const submitted = hook.result.current.submit(REQUEST);
      await drain();
      accepted = await submitted;
    });
    if (!accepted) throw new Error('The simulator refused a submit.');
    const faultTimer = scheduleFault(simulator, job);
    let steps = 0;
    while (hook.result.current.status !== 'completed' && hook.result.current.status !== 'failed') {
      if (++steps > MAX_STEPS) throw new Error('The hook never settled.');
      await act(async () => {
        await clock.next();
        await drain();
      });
    }
    clearTimeout(faultTimer);
    simulator.clearFaults();
    const status = hook.result.current.status;
    hook.unmount();
    client.clear();
    outcomes.push(outcomeFor(accepted.id, log, finishOf(accepted, job), detectedAt, status));
  }
  return outcomes;
}

/**
 * A fixed-interval poller as the `wavespeed` SDK writes it: read, wait `intervalMs`, read again;
 * a 429 or 5xx is retried after a linear 1, 2, 3 … s delay, `Retry-After` ignored.
 */
async function runFixed(jobs: readonly PollingJob[], clock: SimulationClock, intervalMs: number): Promise<JobOutcome[]> {
  const { simulator, transport, log, drain } = simulatedTransport();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    simulator.setTiming({ queueMs: job.queueMs, processingMs: job.processingMs });
    const submitting = transport.submit({ ...REQUEST, size: '1280*720', duration: 5 }, { idempotencyKey: `bench-${outcomes.length}` });
    await drain();
    const accepted = await submitting;
    const faultTimer = scheduleFault(simulator, job);
    let result: { status: JobOutcome['status']; at: number } | undefined;
    const loop = (async () => {
      let attempt = 0;
      for (;;) {
        await sleep(attempt > 0 ? attempt * 1000 : intervalMs);
        try {
          const prediction = await transport.getResult(accepted.id);
          attempt = 0;
          if (prediction.status === 'completed' || prediction.status === 'failed') {
            result = { status: prediction.status, at: Date.now() };
            return;
          }
        } catch (error) {
          if (!isImageToVideoError(error) || !error.retryable) throw error;
          attempt++;
        }
      }
    })();
    let steps = 0;
    while (!result) {
      if (++steps > MAX_STEPS) throw new Error('The fixed poller never settled.');
      await clock.next();
      await drain();
    }
    await loop;
    clearTimeout(faultTimer);
    simulator.clearFaults();
    outcomes.push(outcomeFor(accepted.id, log, finishOf(accepted, job), result.status === 'completed' ? result.at : undefined, result.status));
  }
  return outcomes;
}

export interface Distribution {
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return {
    min: sorted[0]!,
    p50: at(0.5),
    p95: at(0.95),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

export interface PollerSummary {
  poller: PollerName;
  jobs: number;
  completed: number;
  requestsPerJob: Distribution;
  totalRequests: number;
  lagMs: Distribution;
  /** Answers 429 seen, and the shortest wait that followed one, against what Retry-After asked. */
  rateLimited: { count: number; minGapMs: number | null; retryAfterMs: number | null; honoured: boolean };
}

export function summarize(poller: PollerName, outcomes: readonly JobOutcome[]): PollerSummary {
  const completed = outcomes.filter((o) => o.status === 'completed');
  const after429 = outcomes.flatMap((o) => o.after429);
  return {
    poller,
    jobs: outcomes.length,
    completed: completed.length,
    requestsPerJob: distribution(outcomes.map((o) => o.requests)),
    totalRequests: outcomes.reduce((sum, o) => sum + o.requests, 0),
    lagMs: distribution(completed.map((o) => o.lagMs)),
    rateLimited: {
      count: after429.length,
      minGapMs: after429.length ? Math.min(...after429.map((a) => a.gapMs)) : null,
      retryAfterMs: after429.length ? Math.max(...after429.map((a) => a.retryAfterMs)) : null,
      honoured: after429.every((a) => a.gapMs >= a.retryAfterMs),
    },
  };
}

/** The same jobs through our hook and the two fixed pollers, one after the other, in fake time. */
export async function simulatePolling(jobs: readonly PollingJob[], clock: SimulationClock): Promise<PollerSummary[]> {
  return [
    summarize('ours', await runOurs(jobs, clock)),
    summarize('fixed-1s', await runFixed(jobs, clock, 1000)),
    summarize('fixed-5s', await runFixed(jobs, clock, 5000)),
  ];
}
