import { QueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import { createImageToVideoHandler, type ImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { createMemoryStore } from '../../src/server/createMemoryStore';
import { useImageToVideo } from '../../src/hooks/useImageToVideo';
import { createSimulator } from '../../src/testing/createSimulator';
import type { PollingJob } from '../polling/pollingJobs';

export interface PushScenario {
  name: string;
  /** Two proxy instances on one store: webhooks land on the first, browsers wait on the second. */
  instances: 1 | 2;
  /** Every job's webhook is withheld (after one warm-up job whose webhook did arrive). */
  withhold: boolean;
}

export interface PushJobOutcome {
  /** Submit to simulated finish, ms. */
  jobMs: number;
  /** Status requests the browser made for this job. */
  browserReads: number;
  /** Status reads the proxy made upstream for this job. */
  upstreamReads: number;
  /** Webhook arrival at the proxy → `videoUrl` in the hook's state, ms (undefined when withheld). */
  webhookToVideoMs: number | undefined;
  /** The job's finish upstream → `videoUrl` in the hook's state, ms. */
  finishToVideoMs: number;
}

const KEY = 'bench-push-key';
const SECRET = 'whsec_bench-push';
const API = 'http://localhost/api/wavespeed';
const REQUEST = { image: 'https://cdn.example/cat.jpg', prompt: 'the cat turns its head' };

/**
 * Runs every job at once in real time, each through `useImageToVideo` over the proxy transport,
 * the real proxy handler(s) and the simulator, which sends signed webhooks to the first instance.
 */
export async function runPushJobs(scenario: PushScenario, jobs: readonly PollingJob[]): Promise<PushJobOutcome[]> {
  const store = createMemoryStore();
  const arrivals = new Map<string, number>();
  const browserReads = new Map<string, number>();
  let instances: ImageToVideoHandler[] = [];
  const simulator = createSimulator({
    apiKey: KEY,
    webhookSecret: SECRET,
    postWebhook: async (input, init) => {
      const arrivedAt = performance.now();
      const request = new Request(input, init);
      const body = await request.text();
      arrivals.set((JSON.parse(body) as { id: string }).id, arrivedAt);
      return instances[0]!(new Request(`${API}/webhook`, { method: 'POST', headers: request.headers, body }));
    },
  });
  const make = () =>
    createImageToVideoHandler({ apiKey: KEY, baseUrl: 'http://upstream', fetch: simulator.fetch, store, webhook: { url: `${API}/webhook`, secret: SECRET } });
  instances = scenario.instances === 2 ? [make(), make()] : [make()];
  const browserSide = instances[instances.length - 1]!;
  const transport = createProxyTransport({
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://localhost');
      const id = /\/predictions\/([^/]+)\/result$/.exec(url.pathname)?.[1];
      if (id) browserReads.set(id, (browserReads.get(id) ?? 0) + 1);
      return browserSide(new Request(url, init));
    },
  });

  // One job whose webhook arrives, so the proxy has seen deliveries work (as a running server has).
  simulator.setTiming({ queueMs: 0, processingMs: 200 });
  await runJob().done;
  if (scenario.withhold) simulator.inject({ kind: 'webhook', mode: 'none', count: Infinity });

  // Submitted one after another (the simulator takes the timing in force at each submit), then all run at once.
  const running: Array<{ job: PollingJob; done: ReturnType<typeof runJob>['done'] }> = [];
  for (const job of jobs) {
    simulator.setTiming({ queueMs: job.queueMs, processingMs: job.processingMs });
    const run = runJob();
    await run.accepted;
    running.push({ job, done: run.done });
  }
  const outcomes = await Promise.all(
    running.map(({ job, done }) => {
      return done.then(({ id, createdAt, detectedAt, detectedAtPerf }) => {
        const finishedAt = createdAt + job.queueMs + job.processingMs;
        const arrival = arrivals.get(id);
        return {
          jobMs: job.queueMs + job.processingMs,
          browserReads: browserReads.get(id) ?? 0,
          upstreamReads: simulator.requests.filter((r) => r.operation === 'result' && r.path.includes(`/${id}/`)).length,
          webhookToVideoMs: arrival === undefined ? undefined : detectedAtPerf - arrival,
          finishToVideoMs: detectedAt - finishedAt,
        } satisfies PushJobOutcome;
      });
    }),
  );
  return outcomes;

  /** Submits one job and resolves when the hook's state has its video URL. */
  function runJob() {
    const client = new QueryClient();
    let accepted: Promise<unknown> = Promise.resolve();
    const done = new Promise<{ id: string; createdAt: number; detectedAt: number; detectedAtPerf: number }>((resolve, reject) => {
      let settled = false;
      const hook = renderHook(() => {
        const result = useImageToVideo({ transport, queryClient: client });
        if (!settled && result.videoUrl !== undefined && result.prediction) {
          settled = true;
          const done = { id: result.prediction.id, createdAt: Date.parse(result.prediction.createdAt!), detectedAt: Date.now(), detectedAtPerf: performance.now() };
          queueMicrotask(() => {
            hook.unmount();
            client.clear();
            resolve(done);
          });
        } else if (!settled && result.status === 'failed') {
          settled = true;
          reject(result.error ?? new Error('The job failed.'));
        }
        return result;
      });
      accepted = hook.result.current.submit(REQUEST);
      accepted.catch(reject);
    });
    return { accepted, done };
  }
}
