import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createProxyTransport } from '../../src/core/createProxyTransport';
import { createImageToVideoHandler, type ImageToVideoHandlerOptions } from '../../src/server/createImageToVideoHandler';
import { createMemoryStore } from '../../src/server/createMemoryStore';
import { useImageToVideo } from '../../src/hooks/useImageToVideo';
import { usePrediction } from '../../src/hooks/usePrediction';
import { createSimulator, type SimulatorOptions } from '../../src/testing/createSimulator';
import { createTestClient, wrapperFor } from './renderWithClient';

const KEY = 'hook-push-key';
const SECRET = 'whsec_hook-push';
const REQUEST = { image: 'https://cdn.example.com/cat.png', prompt: 'a cat turns its head', size: '1280*720', duration: 5 } as const;

/** The real proxy and simulator in-process, and a proxy transport that reaches them without a network. */
function stack(webhook: ImageToVideoHandlerOptions['webhook'], simulatorOptions: SimulatorOptions = {}) {
  const store = createMemoryStore();
  const reads: string[] = [];
  const simulator = createSimulator({
    apiKey: KEY,
    webhookSecret: SECRET,
    postWebhook: (input, init) => handler(new Request(input, init)),
    ...simulatorOptions,
  });
  const handler = createImageToVideoHandler({ apiKey: KEY, baseUrl: 'http://upstream', fetch: simulator.fetch, store, webhook });
  const proxyFetch: typeof fetch = async (input, init) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname.includes('/predictions/')) reads.push(url.pathname + url.search);
      // A Node signal for the Node Request, following the caller's.
      const controller = new AbortController();
      if (init?.signal?.aborted) controller.abort();
      init?.signal?.addEventListener('abort', () => controller.abort());
      return handler(new Request(url, { method: init?.method, headers: init?.headers, body: init?.body as BodyInit | undefined, signal: controller.signal }));
  };
  return { store, reads, simulator, transport: createProxyTransport({ fetch: proxyFetch }), newTransport: () => createProxyTransport({ fetch: proxyFetch }) };
}

const PUSH = { url: 'https://app.example.com/api/wavespeed/webhook', secret: SECRET };

describe('push completion in the hooks', () => {
  it('waits instead of polling: one long-poll per job, answered by the webhook', async () => {
    const s = stack(PUSH, { timing: { queueMs: 100, processingMs: 1500 } });
    const client = createTestClient();
    const { result } = renderHook(() => useImageToVideo({ transport: s.transport }), { wrapper: wrapperFor(client) });
    await act(async () => {
      result.current.submit(REQUEST);
    });
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 5000 });
    expect(result.current.videoUrl).toMatch(/\.mp4$/);
    expect(s.reads).toHaveLength(1);
    expect(s.reads[0]).toMatch(/\/result\?wait=25$/);
    expect(s.simulator.webhooks).toHaveLength(1);
    expect(s.store.channelCount).toBe(0);
  });

  it('polls on the schedule when the proxy offers no push', async () => {
    const s = stack(undefined, { timing: { queueMs: 0, processingMs: 300 } });
    const client = createTestClient();
    const { result } = renderHook(() => usePrediction(undefined, { transport: s.transport }), { wrapper: wrapperFor(client) });
    expect(result.current.status).toBe('idle');
    const watch = renderHook(() => useImageToVideo({ transport: s.transport, schedule: { expectedWindowMs: [0, 10_000], denseIntervalMs: 1000 } }), { wrapper: wrapperFor(client) });
    await act(async () => {
      watch.result.current.submit(REQUEST);
    });
    await waitFor(() => expect(watch.result.current.status).toBe('completed'), { timeout: 5000 });
    expect(s.reads.length).toBeGreaterThanOrEqual(1);
    expect(s.reads.every((path) => !path.includes('wait='))).toBe(true);
  });

  it('resumes after a reload in push mode: a plain read learns push, then it waits', async () => {
    const s = stack(PUSH, { timing: { queueMs: 0, processingMs: 1500 } });
    // Another page submitted the job; this one (a fresh transport) only knows its id.
    const first = await s.transport.submit(REQUEST, { idempotencyKey: 'resume-1' });
    const transport = s.newTransport();
    expect(transport.maxWaitMs?.()).toBeUndefined();
    const client = createTestClient();
    const { result } = renderHook(() => usePrediction(first.id, { transport }), { wrapper: wrapperFor(client) });
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 5000 });
    expect(s.reads.map((path) => path.replace(/^.*result/, 'result'))).toEqual(['result', 'result?wait=25']);
  });

  it('falls back to the schedule for the next read when a wait fails, then waits again', async () => {
    const s = stack(PUSH, { timing: { queueMs: 0, processingMs: 2500 } });
    let failNextWait = true;
    const transport = s.newTransport();
    const flaky = {
      ...transport,
      maxWaitMs: () => transport.maxWaitMs?.(),
      getResult: async (id: string, options: Parameters<typeof transport.getResult>[1]) => {
        if (options?.waitMs !== undefined && failNextWait) {
          failNextWait = false;
          throw new (await import('../../src/core/ImageToVideoError')).ImageToVideoError('network', 'The connection dropped.');
        }
        return transport.getResult(id, options);
      },
    };
    const client = createTestClient();
    const { result } = renderHook(() => useImageToVideo({ transport: flaky, schedule: { random: () => 0.5 } }), { wrapper: wrapperFor(client) });
    await act(async () => {
      result.current.submit(REQUEST);
    });
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 8000 });
    // The failed wait never reached the proxy; the retry after the schedule's back-off (2 s) was a
    // plain read, and the next one a wait again.
    expect(s.reads.map((path) => path.replace(/^.*result/, 'result'))).toEqual(['result', 'result?wait=25']);
  }, 10_000);

  it('aborts the wait in flight on unmount, leaving no subscription', async () => {
    const s = stack(PUSH, { timing: { queueMs: 0, processingMs: 60_000 } });
    const client = createTestClient();
    const hook = renderHook(() => useImageToVideo({ transport: s.transport }), { wrapper: wrapperFor(client) });
    await act(async () => {
      hook.result.current.submit(REQUEST);
    });
    await waitFor(() => expect(s.store.channelCount).toBe(1));
    expect(s.reads.at(-1)).toMatch(/wait=25$/);
    // Elapsed time comes from the clock, not from reads: it grows while the long-poll is open.
    const before = hook.result.current.elapsedMs;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    hook.rerender();
    expect(hook.result.current.elapsedMs).toBeGreaterThanOrEqual(before + 1000);
    expect(s.reads).toHaveLength(1);
    hook.unmount();
    await waitFor(() => expect(s.store.channelCount).toBe(0));
  });

  it('cancel() aborts the wait in flight', async () => {
    const s = stack(PUSH, { timing: { queueMs: 0, processingMs: 60_000 } });
    const client = createTestClient();
    const hook = renderHook(() => useImageToVideo({ transport: s.transport }), { wrapper: wrapperFor(client) });
    await act(async () => {
      hook.result.current.submit(REQUEST);
    });
    await waitFor(() => expect(s.store.channelCount).toBe(1));
    act(() => hook.result.current.cancel());
    expect(hook.result.current.status).toBe('canceled');
    await waitFor(() => expect(s.store.channelCount).toBe(0));
  });
});
