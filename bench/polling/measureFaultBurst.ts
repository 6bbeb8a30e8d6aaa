import { QueryClient } from '@tanstack/react-query';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import type { ImageToVideoTransport } from '../../src/core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../../src/core/pollSchedule';
import { ImageToVideoObserver } from '../../src/engine/ImageToVideoObserver';
import { createSimulator, type SimulatorFault } from '../../src/testing/createSimulator';
import type { SimulationClock } from './simulatePolling';

/** One of each transient failure a status read meets in the wild, in this order. */
export const FAULT_BURST: readonly SimulatorFault[] = [
  { kind: 'status', status: 500, operations: ['result'] },
  { kind: 'html', status: 502, operations: ['result'] },
  { kind: 'rate-limit', retryAfterSeconds: 1, operations: ['result'] },
  { kind: 'drop', operations: ['result'] },
  { kind: 'status', status: 503, operations: ['result'] },
];

export interface FaultBurstOutcome {
  /** From the simulated finish to the video URL in the observer's snapshot, ms. */
  lagFromFinishMs: number;
  /** From the last failed read (reads succeed from then on) to the video URL, ms. */
  lagFromBurstMs: number;
  /** How long after the 429 the next read came, and what Retry-After asked. */
  after429: { gapMs: number; retryAfterMs: number };
  /** Every status read after the finish: ms since the finish, HTTP status (0: dropped). */
  reads: { atMs: number; status: number }[];
}

const realSetImmediate = globalThis.setImmediate;
const REQUEST = { image: 'https://cdn.example/cat.jpg', prompt: 'the cat turns its head' };

/**
 * A job that has already finished meets five transient read failures in a row; how late does
 * its video show? The engine exactly as the hooks drive it (default schedule, jitter from
 * `random`), over the proxy transport and the simulator, in fake time driven by `clock`.
 */
export async function measureFaultBurst(
  clock: SimulationClock,
  { queueMs = 5000, processingMs = 35_000, random }: { queueMs?: number; processingMs?: number; random?: () => number } = {},
): Promise<FaultBurstOutcome> {
  const simulator = createSimulator({ timing: { queueMs, processingMs } });
  const pending = [...FAULT_BURST];
  let finishAt = Number.POSITIVE_INFINITY;
  let lastFaultAt: number | undefined;
  let inflight = 0;
  const reads: { at: number; status: number; retryAfterMs?: number }[] = [];
  const base = createProxyTransport({
    baseUrl: 'http://simulator.test/api/v3',
    headers: { authorization: 'Bearer bench' },
    fetch: async (input, init) => {
      const isRead = /\/predictions\/[^/]+\/result$/.test(String(input));
      const faulted = isRead && Date.now() >= finishAt && pending.length > 0;
      if (faulted) simulator.inject(pending.shift()!);
      try {
        const response = await simulator.fetch(input, init);
        if (isRead) {
          const retryAfter = response.headers.get('retry-after');
          reads.push({ at: Date.now(), status: response.status, retryAfterMs: retryAfter ? Number(retryAfter) * 1000 : undefined });
        }
        return response;
      } catch (error) {
        if (isRead) reads.push({ at: Date.now(), status: 0 });
        throw error;
      } finally {
        if (faulted) lastFaultAt = Date.now();
      }
    },
  });
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
  const transport: ImageToVideoTransport = { submit: track(base.submit.bind(base)), getResult: track(base.getResult.bind(base)) };
  async function drain(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      if (inflight === 0) return;
    }
    throw new Error('A request never settled.');
  }

  const client = new QueryClient();
  const schedule: PollScheduleOptions = random ? { random } : {};
  const observer = new ImageToVideoObserver(client, { transport, schedule });
  let shownAt: number | undefined;
  const unsubscribe = observer.subscribe(() => {
    if (shownAt === undefined && observer.getSnapshot().videoUrl !== undefined) shownAt = Date.now();
  });
  try {
    const submitted = observer.submit(REQUEST);
    await drain();
    const accepted = await submitted;
    if (!accepted) throw new Error('The simulator refused the submit.');
    finishAt = Date.parse(accepted.createdAt!) + queueMs + processingMs;
    for (let steps = 0; shownAt === undefined; steps++) {
      if (steps > 10_000 || observer.getSnapshot().status === 'failed') throw new Error('The job never showed its video.');
      await clock.next();
      await drain();
    }
  } finally {
    unsubscribe();
    client.clear();
  }
  const i429 = reads.findIndex((r) => r.status === 429);
  return {
    lagFromFinishMs: shownAt - finishAt,
    lagFromBurstMs: shownAt - (lastFaultAt ?? finishAt),
    after429: { gapMs: reads[i429 + 1]!.at - reads[i429]!.at, retryAfterMs: reads[i429]!.retryAfterMs ?? 0 },
    reads: reads.filter((r) => r.at >= finishAt).map((r) => ({ atMs: r.at - finishAt, status: r.status })),
  };
}
