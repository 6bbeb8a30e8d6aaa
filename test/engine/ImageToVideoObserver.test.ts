// @vitest-environment jsdom
// No React here. The DOM is only there because react-query turns its timers (refetchInterval, gc)
// off where there is no `window`, as on a server; the engine runs in browsers.
import { QueryClient, notifyManager } from '@tanstack/react-query';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideoObserver, type ImageToVideoObserverOptions } from '../../src/engine/ImageToVideoObserver';
import { loadJobSteps } from '../../src/engine/loadJobSteps';
import { createMockTransport, type MockTransportOptions } from '../../src/testing/createMockTransport';

// Notifications at the instant of the read: fake timers would move react-query's 0 ms batch.
notifyManager.setScheduler(queueMicrotask);

const REQUEST = { image: 'https://cdn.test/cat.png', prompt: 'a cat walks' };
/** Jitter pinned so back-off delays are exact. */
const EXACT = { random: () => 0.5 };

// The job steps load on first use, with real I/O that fake timers cannot advance: load them first
// (test/engine/jobStepsLoad.test.ts tests that load itself).
beforeAll(() => loadJobSteps());
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(mock: MockTransportOptions = {}, options: Partial<ImageToVideoObserverOptions> = {}, client = new QueryClient()) {
  const transport = createMockTransport(mock);
  const callbacks = { onSubmitted: vi.fn(), onCompleted: vi.fn(), onError: vi.fn() };
  const observer = new ImageToVideoObserver(client, { transport, schedule: EXACT, ...callbacks, ...options });
  const snapshots: ReturnType<typeof observer.getSnapshot>[] = [];
  const unsubscribe = observer.subscribe(() => snapshots.push(observer.getSnapshot()));
  return { observer, transport, client, callbacks, snapshots, unsubscribe };
}

describe('ImageToVideoObserver', () => {
  it('runs a job to the video with each callback called once, on the transition', async () => {
    const t = setup({ timeline: ['processing', 'processing', 'completed'] });
    const accepted = t.observer.submit(REQUEST);
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'submitting', isRunning: true, input: REQUEST });
    await vi.advanceTimersByTimeAsync(0);
    expect(await accepted).toMatchObject({ id: expect.any(String) });
    expect(t.callbacks.onSubmitted).toHaveBeenCalledOnce();
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'queued', submittedAt: Date.now() });
    // The completion callback runs inside the notification that saw it, before anyone renders.
    t.callbacks.onCompleted.mockImplementation(() => expect(t.observer.getSnapshot().status).toBe('completed'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'completed', isRunning: false, videoUrl: expect.stringMatching(/^https:/) });
    expect(t.callbacks.onCompleted).toHaveBeenCalledOnce();
    expect(t.callbacks.onError).not.toHaveBeenCalled();
    expect(t.transport.calls.getResult).toHaveLength(3);
    expect(t.snapshots.map((s) => s.status)).toEqual(['submitting', 'queued', 'processing', 'completed']);
  });

  it('keeps the snapshot identity through polls that bring nothing new', async () => {
    const t = setup({ timeline: ['processing'] });
    void t.observer.submit(REQUEST);
    await vi.advanceTimersByTimeAsync(5000);
    const processing = t.observer.getSnapshot();
    expect(processing.status).toBe('processing');
    const reads = t.transport.calls.getResult.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.transport.calls.getResult.length).toBeGreaterThanOrEqual(reads + 4);
    expect(t.observer.getSnapshot()).toBe(processing);
  });

  it('starts one task for a double submit and reports a submit failure once', async () => {
    const t = setup({ submitFaults: [{ fault: 'http', status: 400, body: '{"message":"bad"}' }] });
    const first = t.observer.submit(REQUEST);
    const second = t.observer.submit({ ...REQUEST, prompt: 'another' });
    expect(second).toBe(first);
    expect(await first).toBeUndefined();
    expect(t.transport.calls.submit).toHaveLength(1);
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'failed', input: REQUEST, settledAt: Date.now() });
    expect(t.callbacks.onError).toHaveBeenCalledOnce();
  });

  it('survives an unsubscribe followed at once by a subscribe (Strict Mode), and aborts when nobody comes back', async () => {
    const t = setup({ submitFaults: [{ fault: 'hang' }] });
    const pending = t.observer.submit(REQUEST);
    t.unsubscribe();
    const again = t.observer.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(100);
    expect(t.observer.getSnapshot().status).toBe('submitting');
    again();
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending).toBeUndefined();
    // Cut off by the unmount, not by the user: the intent's key stays adoptable, so a remount
    // sending the same request re-sends the same key and cannot create a second task.
    const remount = setup({}, {}, t.client);
    void remount.observer.submit(REQUEST);
    await vi.advanceTimersByTimeAsync(0);
    expect(remount.transport.calls.submit[0]!.idempotencyKey).toBe(t.transport.calls.submit[0]!.idempotencyKey);
    expect(t.callbacks.onError).not.toHaveBeenCalled();
  });

  it('cancel() stops watching, keeps input and prediction, and calls nothing', async () => {
    const t = setup({ timeline: ['processing'] });
    void t.observer.submit(REQUEST);
    await vi.advanceTimersByTimeAsync(10_000);
    t.observer.cancel();
    const reads = t.transport.calls.getResult.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.transport.calls.getResult).toHaveLength(reads);
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'canceled', input: REQUEST, predictionId: expect.any(String), error: undefined });
    expect(t.observer.getSnapshot().settledAt! - t.observer.getSnapshot().submittedAt!).toBe(10_000);
    expect(t.callbacks.onError).not.toHaveBeenCalled();
  });

  it('resume(id) watches a job without submitting; resuming it again changes nothing; reset() forgets it', async () => {
    // A job started by an earlier page: another observer submitted it, then went away.
    const earlier = setup({ timeline: ['processing', 'completed'] });
    void earlier.observer.submit(REQUEST);
    await vi.advanceTimersByTimeAsync(0);
    earlier.unsubscribe();
    const id = earlier.observer.getSnapshot().predictionId!;
    const t = setup({}, { transport: earlier.transport }, earlier.client);
    t.observer.resume(id);
    // Known from the cache as accepted, so no read before the schedule's first one.
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'queued', predictionId: id });
    await vi.advanceTimersByTimeAsync(5000);
    const processing = t.observer.getSnapshot();
    expect(processing.status).toBe('processing');
    t.observer.resume(id);
    expect(t.observer.getSnapshot()).toBe(processing);
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'completed', predictionId: id });
    expect(t.callbacks.onCompleted).toHaveBeenCalledOnce();
    expect(earlier.transport.calls.submit).toHaveLength(1);
    t.observer.reset();
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'idle', predictionId: undefined, prediction: undefined });
  });

  it("learns from this app's finished jobs: the dense polling window follows them, per duration", async () => {
    const client = new QueryClient();
    // Every job completes on its 7th read: 35 s into the prior's sparse-then-dense schedule.
    const readTimes = async (duration: 5 | 10) => {
      const t = setup({ timeline: ['processing', 'processing', 'processing', 'processing', 'processing', 'processing', 'completed'] }, {}, client);
      void t.observer.submit({ ...REQUEST, duration });
      const start = Date.now();
      await vi.advanceTimersByTimeAsync(120_000);
      expect(t.observer.getSnapshot().status).toBe('completed');
      t.unsubscribe();
      const task = t.transport.calls.getResult;
      expect(task).toHaveLength(7);
      return t.observer.getSnapshot().settledAt! - start;
    };
    // The prior: sparse to 18 s, then dense every 2.5 s: the 7th read lands at 25.5 s.
    const prior = await readTimes(5);
    expect(prior).toBe(25_500);
    await readTimes(5);
    await readTimes(5);
    // Three 25.5 s jobs: the window now starts at 20.4 s (0.8 × 25.5 s), not 18 s: reads at 5, 10,
    // 15, 20, 21 (at least 1 s apart), then dense every 2.5 s, so the 7th lands at 26 s.
    expect(await readTimes(5)).toBe(26_000);
    // A 10 s video has no samples yet: still the prior.
    expect(await readTimes(10)).toBe(25_500);
  });
});

describe('ImageToVideoObserver estimate', () => {
  it("starts from the proxy's window on a first job, then from this browser's own jobs once it has three", async () => {
    const client = new QueryClient();
    const t = setup({ timeline: ['processing', 'completed'] }, {}, client);
    const submit = t.transport.submit.bind(t.transport);
    t.transport.submit = async (...args) => ({ ...(await submit(...args)), expectedWindowMs: [30_000, 65_000] as const });
    for (let job = 0; job < 4; job++) {
      void t.observer.submit({ ...REQUEST, prompt: `a cat walks ${job}` });
      await vi.advanceTimersByTimeAsync(0);
      const { estimateMs } = t.observer.getSnapshot();
      if (job < 3) {
        // The server's window from everyone's jobs; the prediction itself does not carry it.
        expect(estimateMs).toEqual(job === 0 ? [30_000, 65_000] : [expect.any(Number), 65_000]);
        expect(t.observer.getSnapshot().prediction).not.toHaveProperty('expectedWindowMs');
      } else {
        // Three of its own: this browser's jobs, which finish in seconds here, take over.
        expect(estimateMs![1]).toBeLessThan(30_000);
      }
      await vi.advanceTimersByTimeAsync(120_000);
      expect(t.observer.getSnapshot().status).toBe('completed');
    }
  });

  it('has no estimate when neither the proxy nor this browser measured one', async () => {
    const t = setup({ timeline: ['processing'] });
    void t.observer.submit(REQUEST);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.observer.getSnapshot()).toMatchObject({ status: 'queued', estimateMs: undefined });
  });
});
