import { act, renderHook } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideoError } from '../../src/core/ImageToVideoError';
import { useImageToVideo, type UseImageToVideoOptions } from '../../src/hooks/useImageToVideo';
import { createScriptedTransport, type ScriptedTransportOptions } from './scriptedTransport';
import { EXACT, createTestClient, flush, wrapperFor } from './renderWithClient';
import type { Prediction } from '../../src/core/predictionSchema';

const URL_REQUEST = { image: 'https://cdn.test/cat.png', prompt: 'a cat walks' };

function png(): Blob {
  return new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' });
}

function setup(script: ScriptedTransportOptions = {}, options: Omit<UseImageToVideoOptions, 'transport'> = {}, strict = false) {
  const scripted = createScriptedTransport(script);
  const client = createTestClient();
  let renders = 0;
  const hook = renderHook(
    (props: Omit<UseImageToVideoOptions, 'transport'>) => {
      renders++;
      return useImageToVideo({ transport: scripted.transport, schedule: EXACT, ...props });
    },
    { wrapper: wrapperFor(client), initialProps: options, reactStrictMode: strict },
  );
  return { ...scripted, ...hook, client, renders: () => renders };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useImageToVideo: status paths', () => {
  it('goes idle → submitting → queued → processing → completed, polling on the schedule', async () => {
    const onSubmitted = vi.fn();
    const onCompleted = vi.fn();
    const onError = vi.fn();
    const t = setup({ reads: [{ status: 'processing' }, { status: 'completed' }] }, { onSubmitted, onCompleted, onError });
    expect(t.result.current.status).toBe('idle');
    expect(t.result.current.isRunning).toBe(false);

    let accepted!: Promise<Prediction | undefined>;
    act(() => {
      accepted = t.result.current.submit(URL_REQUEST);
    });
    expect(t.result.current.status).toBe('submitting');
    expect(t.result.current.isRunning).toBe(true);
    expect(t.result.current.input).toEqual(URL_REQUEST);

    await flush();
    await expect(accepted).resolves.toMatchObject({ id: 'task-1', status: 'created' });
    expect(t.result.current.status).toBe('queued');
    expect(t.result.current.predictionId).toBe('task-1');
    expect(onSubmitted).toHaveBeenCalledOnce();
    expect(onSubmitted.mock.calls[0]![1]).toEqual({ ...URL_REQUEST, size: '1280*720', duration: 5 });
    expect(t.calls.submit[0]!.options.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // The accepted answer seeds the query: no read right after the submit.
    expect(t.calls.getResult).toHaveLength(0);

    await flush(4999);
    expect(t.calls.getResult).toHaveLength(0);
    await flush(1);
    expect(t.calls.getResult).toHaveLength(1);
    expect(t.result.current.status).toBe('processing');
    expect(t.result.current.elapsedMs).toBe(5000);

    await flush(5000);
    expect(t.result.current.status).toBe('completed');
    expect(t.result.current.isRunning).toBe(false);
    expect(t.result.current.videoUrl).toBe('https://cdn.test/videos/task-1.mp4');
    expect(t.result.current.elapsedMs).toBe(10_000);
    expect(onCompleted).toHaveBeenCalledOnce();
    expect(onCompleted.mock.calls[0]![0]).toMatchObject({ id: 'task-1', status: 'completed' });

    await flush(60_000);
    expect(t.calls.getResult).toHaveLength(2);
    expect(t.result.current.elapsedMs).toBe(10_000);
    expect(onError).not.toHaveBeenCalled();
    expect(t.calls.submit).toHaveLength(1);
  });

  it('uploads a Blob first, reporting progress, and submits its URL', async () => {
    const t = setup({ upload: 'hang' });
    act(() => {
      void t.result.current.submit({ image: png(), prompt: 'waves' });
    });
    await flush();
    expect(t.result.current.status).toBe('uploading');
    expect(t.result.current.uploadProgress).toEqual({ loaded: 1, total: 7 });
    expect(t.calls.submit).toHaveLength(0);

    const done = setup({});
    act(() => {
      void done.result.current.submit({ image: png(), prompt: 'waves', size: '720*1280', duration: 10 });
    });
    await flush();
    expect(done.result.current.status).toBe('queued');
    expect(done.result.current.uploadProgress).toBeUndefined();
    expect(done.calls.upload).toHaveLength(1);
    expect(done.calls.submit[0]!.input).toEqual({
      image: 'https://cdn.test/uploads/1.png',
      prompt: 'waves',
      size: '720*1280',
      duration: 10,
    });
  });

  it('inlines a Blob as a data URI when the transport cannot upload', async () => {
    const t = setup({ upload: false });
    act(() => {
      void t.result.current.submit({ image: png(), prompt: 'waves' });
    });
    // jsdom's FileReader reports on a timer.
    await flush(10);
    expect(t.result.current.status).toBe('queued');
    expect(t.calls.submit[0]!.input.image).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
  });

  it('fails with the task error when the task fails, keeping the input', async () => {
    const onError = vi.fn();
    const t = setup({ reads: [{ status: 'failed', error: 'Flagged by moderation', code: 1200 }] }, { onError });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.status).toBe('failed');
    expect(t.result.current.error).toMatchObject({ kind: 'content-moderated', message: 'Flagged by moderation' });
    expect(t.result.current.input).toEqual(URL_REQUEST);
    expect(t.result.current.videoUrl).toBeUndefined();
    expect(onError).toHaveBeenCalledOnce();
    await flush(60_000);
    expect(t.calls.getResult).toHaveLength(1);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('never exposes a non-http(s) output: a completed task without one fails as bad-response', async () => {
    const t = setup({ reads: [{ status: 'completed', outputs: ['javascript:alert(1)'] }] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.videoUrl).toBeUndefined();
    expect(t.result.current.status).toBe('failed');
    expect(t.result.current.error?.kind).toBe('bad-response');
  });

  it('turns invalid input into an invalid-input error with fieldErrors, sending nothing', async () => {
    const onError = vi.fn();
    const t = setup({}, { onError });
    let result: Prediction | undefined | 'pending' = 'pending';
    await act(async () => {
      result = await t.result.current.submit({ image: new Blob(['x'], { type: 'text/plain' }), prompt: '   ' });
    });
    expect(result).toBeUndefined();
    expect(t.result.current.status).toBe('failed');
    expect(t.result.current.error?.kind).toBe('invalid-input');
    expect(t.result.current.error?.fieldErrors?.prompt).toBeDefined();
    expect(t.result.current.error?.fieldErrors?.image).toBeDefined();
    expect(t.calls.upload).toHaveLength(0);
    expect(t.calls.submit).toHaveLength(0);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('keeps the input after a submit error, and retry() is a new intent that reuses the uploaded image', async () => {
    const onError = vi.fn();
    const t = setup({ submit: new ImageToVideoError('upstream-unavailable', 'down') }, { onError });
    const image = png();
    await act(async () => {
      await t.result.current.submit({ image, prompt: 'waves' });
    });
    expect(t.result.current.status).toBe('failed');
    expect(t.result.current.error?.kind).toBe('upstream-unavailable');
    expect(t.result.current.input?.image).toBe(image);
    expect(onError).toHaveBeenCalledOnce();

    await act(async () => {
      await t.result.current.retry();
    });
    expect(t.calls.upload).toHaveLength(1);
    expect(t.calls.submit).toHaveLength(2);
    expect(t.calls.submit[1]!.input.image).toBe('https://cdn.test/uploads/1.png');
    expect(t.calls.submit[1]!.options.idempotencyKey).not.toBe(t.calls.submit[0]!.options.idempotencyKey);
  });

  it('reset() goes back to idle and forgets input and prediction', async () => {
    const t = setup({ reads: [{ status: 'processing' }] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.status).toBe('processing');
    act(() => t.result.current.reset());
    expect(t.result.current).toMatchObject({ status: 'idle', input: undefined, prediction: undefined, predictionId: undefined });
    await flush(60_000);
    expect(t.calls.getResult).toHaveLength(1);
  });
});

describe('useImageToVideo: transient errors while polling', () => {
  it('retries a 5xx burst on the back-off and never fails the job for it', async () => {
    const down = () => ({ error: new ImageToVideoError('upstream-unavailable', 'bad gateway', { status: 502 }) });
    const t = setup({ reads: [down(), down(), down(), { status: 'completed' }] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.calls.getResult).toHaveLength(1);
    expect(t.result.current.status).toBe('queued');
    // Back-off 2 s, 4 s, 8 s after the first, second and third failure.
    await flush(1999);
    expect(t.calls.getResult).toHaveLength(1);
    await flush(1);
    expect(t.calls.getResult).toHaveLength(2);
    await flush(4000);
    expect(t.calls.getResult).toHaveLength(3);
    expect(t.result.current.status).toBe('queued');
    expect(t.result.current.error).toBeUndefined();
    await flush(8000);
    expect(t.calls.getResult).toHaveLength(4);
    expect(t.result.current.status).toBe('completed');
  });

  it('honours retryAfterMs on a 429', async () => {
    const t = setup({
      reads: [
        { error: new ImageToVideoError('rate-limited', 'slow down', { status: 429, retryAfterMs: 20_000 }) },
        { status: 'processing' },
      ],
    });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.calls.getResult).toHaveLength(1);
    await flush(19_999);
    expect(t.calls.getResult).toHaveLength(1);
    expect(t.result.current.status).toBe('queued');
    await flush(1);
    expect(t.calls.getResult).toHaveLength(2);
    expect(t.result.current.status).toBe('processing');
  });

  it('retries network errors', async () => {
    const t = setup({
      reads: [{ error: new ImageToVideoError('network', 'offline') }, { status: 'completed' }],
    });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000 + 2000);
    expect(t.calls.getResult).toHaveLength(2);
    expect(t.result.current.status).toBe('completed');
  });

  it('fails at once on a non-retryable read error', async () => {
    const onError = vi.fn();
    const t = setup({ reads: [{ error: new ImageToVideoError('unauthorized', 'no key', { status: 401 }) }] }, { onError });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.status).toBe('failed');
    expect(t.result.current.error?.kind).toBe('unauthorized');
    expect(onError).toHaveBeenCalledOnce();
    await flush(60_000);
    expect(t.calls.getResult).toHaveLength(1);
  });

  it('fails with timeout at the deadline, and stops reading', async () => {
    const onError = vi.fn();
    const t = setup({ reads: [{ status: 'processing' }] }, { onError, schedule: { ...EXACT, deadlineMs: 60_000 } });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(59_999);
    expect(t.result.current.status).toBe('processing');
    await flush(1);
    expect(t.result.current.status).toBe('failed');
    expect(t.result.current.error?.kind).toBe('timeout');
    expect(t.result.current.elapsedMs).toBe(60_000);
    expect(onError).toHaveBeenCalledOnce();
    const reads = t.calls.getResult.length;
    expect(t.calls.getResult.at(-1)!.at - t.calls.getResult[0]!.at).toBe(55_000);
    await flush(120_000);
    expect(t.calls.getResult).toHaveLength(reads);
  });

  it('fails with timeout when reads keep failing for stallMs, and stops reading', async () => {
    const t = setup(
      { reads: [{ status: 'processing' }, { error: new ImageToVideoError('network', 'offline') }] },
      { schedule: { ...EXACT, stallMs: 30_000 } },
    );
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.status).toBe('processing');
    // Last success at 5 s; failures from 10 s; the stall is declared on the first failure at or past 35 s.
    await flush(29_000);
    expect(t.result.current.status).toBe('processing');
    await flush(15_000);
    expect(t.result.current.status).toBe('failed');
    expect(t.result.current.error?.kind).toBe('timeout');
    expect(t.result.current.error?.message).toMatch(/not answered/);
    const reads = t.calls.getResult.length;
    await flush(120_000);
    expect(t.calls.getResult).toHaveLength(reads);
  });
});

describe('useImageToVideo: one task per intent', () => {
  it('ignores a second submit while one is running (double click)', async () => {
    const t = setup();
    let first!: Promise<Prediction | undefined>;
    let second!: Promise<Prediction | undefined>;
    act(() => {
      first = t.result.current.submit(URL_REQUEST);
      second = t.result.current.submit({ ...URL_REQUEST, prompt: 'another' });
    });
    expect(second).toBe(first);
    await flush();
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush();
    expect(t.calls.submit).toHaveLength(1);
    expect(t.stats.tasks).toBe(1);
  });

  it('asks again with the same key while the proxy says the task is still being created (409)', async () => {
    const conflict = () => new ImageToVideoError('upstream-unavailable', 'still creating', { status: 409 });
    const t = setup({ submitFailures: [conflict(), conflict()] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(1000);
    expect(t.calls.submit).toHaveLength(2);
    expect(t.result.current.status).toBe('submitting');
    await flush(2000);
    expect(t.calls.submit).toHaveLength(3);
    expect(new Set(t.calls.submit.map((c) => c.options.idempotencyKey)).size).toBe(1);
    expect(t.result.current.status).toBe('queued');
    expect(t.stats.tasks).toBe(1);
  });

  it('never re-sends a submit that failed for another reason', async () => {
    const t = setup({ submitFailures: [new ImageToVideoError('upstream-unavailable', 'bad gateway', { status: 502 })] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(60_000);
    expect(t.calls.submit).toHaveLength(1);
    expect(t.result.current.status).toBe('failed');
  });

  it('creates one task when a Strict Mode effect submits on mount', async () => {
    const scripted = createScriptedTransport();
    const client = createTestClient();
    const { result } = renderHook(
      () => {
        const job = useImageToVideo({ transport: scripted.transport });
        const { submit } = job;
        useAutoSubmit(submit);
        return job;
      },
      { wrapper: wrapperFor(client), reactStrictMode: true },
    );
    await flush();
    expect(result.current.status).toBe('queued');
    expect(scripted.calls.submit).toHaveLength(1);
    expect(scripted.stats.tasks).toBe(1);
    expect(scripted.stats.aborted).toBe(0);
  });

  it('runs a whole job under Strict Mode with one task, one completion callback and no extra reads', async () => {
    const onCompleted = vi.fn();
    const t = setup({ reads: [{ status: 'processing' }, { status: 'completed' }] }, { onCompleted }, true);
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush();
    expect(t.result.current.status).toBe('queued');
    expect(t.calls.getResult).toHaveLength(0);
    await flush(10_000);
    expect(t.result.current.status).toBe('completed');
    expect(t.calls.getResult.map((c) => c.at - t.calls.getResult[0]!.at)).toEqual([0, 5000]);
    expect(t.calls.submit).toHaveLength(1);
    expect(onCompleted).toHaveBeenCalledOnce();
  });

  it('a submit after a finished job is a new intent with a new key', async () => {
    const t = setup({ reads: [{ status: 'completed' }] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.status).toBe('completed');
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    expect(t.result.current.status).toBe('submitting');
    expect(t.result.current.videoUrl).toBeUndefined();
    await flush(5000);
    expect(t.result.current).toMatchObject({ status: 'completed', predictionId: 'task-2' });
    expect(t.calls.submit[1]!.options.idempotencyKey).not.toBe(t.calls.submit[0]!.options.idempotencyKey);
  });

  it("does not keep finished jobs in the host's cache: a replaced job's query and submit are dropped within seconds", async () => {
    const t = setup({ reads: [{ status: 'completed' }] });
    const predictions = () => t.client.getQueryCache().findAll({ queryKey: ['react-image-to-video', 'prediction'] });
    const ids = () => predictions().map((q) => q.queryKey[2]).filter(Boolean);
    for (let job = 1; job <= 3; job++) {
      act(() => {
        void t.result.current.submit(URL_REQUEST);
      });
      await flush(5000);
      expect(t.result.current).toMatchObject({ status: 'completed', predictionId: `task-${job}` });
    }
    // The watched job stays; the earlier ones went 5 s after the hook moved on (not react-query's 5 min).
    await flush(5000);
    expect(ids()).toEqual(['task-3']);
    // A settled submit is the observer's to keep: even the current one leaves the mutation cache.
    expect(t.client.getMutationCache().getAll()).toHaveLength(0);
    expect(t.result.current.videoUrl).toMatch(/^https:/);
    // Once nothing watches, the last one goes too.
    t.unmount();
    await flush(5000);
    expect(ids()).toEqual([]);
    expect(t.client.getMutationCache().getAll()).toHaveLength(0);
  });

  it('reuses the idempotency key when a remount re-sends the same request, so no second task', async () => {
    const hanging = createScriptedTransport({ submit: 'hang' });
    const client = createTestClient();
    const image = png();
    const first = renderHook(() => useImageToVideo({ transport: hanging.transport }), { wrapper: wrapperFor(client) });
    act(() => {
      void first.result.current.submit({ image, prompt: 'waves' });
    });
    await flush();
    expect(hanging.calls.submit).toHaveLength(1);
    first.unmount();
    await flush();
    expect(hanging.stats.aborted).toBe(1);
    expect(hanging.stats.inFlight).toBe(0);

    const second = renderHook(() => useImageToVideo({ transport: hanging.transport }), { wrapper: wrapperFor(client) });
    act(() => {
      void second.result.current.submit({ image, prompt: 'waves' });
    });
    await flush();
    expect(hanging.calls.submit[1]!.options.idempotencyKey).toBe(hanging.calls.submit[0]!.options.idempotencyKey);
    // The image was uploaded once.
    expect(hanging.calls.upload).toHaveLength(1);
    second.unmount();
  });
});

describe('useImageToVideo: cancel and unmount', () => {
  it('unmount stops polling and aborts the read in flight', async () => {
    const t = setup({ reads: [{ status: 'processing' }, { hang: true }] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(10_000);
    expect(t.calls.getResult).toHaveLength(2);
    expect(t.stats.inFlight).toBe(1);
    t.unmount();
    await flush();
    expect(t.stats.inFlight).toBe(0);
    expect(t.stats.aborted).toBe(1);
    await flush(120_000);
    expect(t.calls.getResult).toHaveLength(2);
  });

  it('unmount aborts an upload in flight and submits nothing', async () => {
    const t = setup({ upload: 'hang' });
    act(() => {
      void t.result.current.submit({ image: png(), prompt: 'waves' });
    });
    await flush();
    t.unmount();
    await flush(60_000);
    expect(t.stats.aborted).toBe(1);
    expect(t.stats.inFlight).toBe(0);
    expect(t.calls.submit).toHaveLength(0);
  });

  it('cancel() stops watching, aborts the read in flight, keeps the input, and is not an error', async () => {
    const onError = vi.fn();
    const t = setup({ reads: [{ status: 'processing' }, { hang: true }] }, { onError });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(10_000);
    expect(t.stats.inFlight).toBe(1);
    act(() => t.result.current.cancel());
    await flush();
    expect(t.result.current.status).toBe('canceled');
    expect(t.result.current.isRunning).toBe(false);
    expect(t.result.current.input).toEqual(URL_REQUEST);
    expect(t.result.current.predictionId).toBe('task-1');
    expect(t.result.current.error).toBeUndefined();
    expect(t.result.current.elapsedMs).toBe(10_000);
    expect(t.stats.inFlight).toBe(0);
    await flush(120_000);
    expect(t.calls.getResult).toHaveLength(2);
    expect(onError).not.toHaveBeenCalled();

    // A new submit after cancel is a new intent and starts.
    t.setReads([{ status: 'completed' }]);
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.status).toBe('completed');
  });

  it('cancel() during the upload aborts it and resolves submit with undefined', async () => {
    const t = setup({ upload: 'hang' });
    let pending!: Promise<Prediction | undefined>;
    act(() => {
      pending = t.result.current.submit({ image: png(), prompt: 'waves' });
    });
    await flush();
    act(() => t.result.current.cancel());
    await flush();
    await expect(pending).resolves.toBeUndefined();
    expect(t.result.current.status).toBe('canceled');
    expect(t.stats.aborted).toBe(1);
    expect(t.calls.submit).toHaveLength(0);
  });

  it('cancel() when nothing runs changes nothing', async () => {
    const t = setup({ reads: [{ status: 'completed' }] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    act(() => t.result.current.cancel());
    expect(t.result.current.status).toBe('completed');
  });
});

describe('useImageToVideo: resume, callbacks, renders', () => {
  it('resumes watching a predictionId without submitting', async () => {
    const onCompleted = vi.fn();
    const t = setup({ reads: [{ status: 'processing' }, { status: 'completed' }] }, { predictionId: 'task-9', onCompleted });
    expect(t.result.current.status).toBe('queued');
    await flush();
    expect(t.calls.getResult[0]!.id).toBe('task-9');
    expect(t.result.current.status).toBe('processing');
    await flush(5000);
    expect(t.result.current.status).toBe('completed');
    expect(t.result.current.videoUrl).toBe('https://cdn.test/videos/task-9.mp4');
    expect(onCompleted).toHaveBeenCalledOnce();
    expect(t.calls.submit).toHaveLength(0);
  });

  it('calls the callbacks of the latest render, never stale ones', async () => {
    const stale = vi.fn();
    const fresh = vi.fn();
    const staleSubmitted = vi.fn();
    const freshSubmitted = vi.fn();
    const t = setup({ reads: [{ status: 'completed' }], submit: 'accept' }, { onCompleted: stale, onSubmitted: staleSubmitted });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    t.rerender({ onCompleted: fresh, onSubmitted: freshSubmitted });
    await flush(5000);
    expect(freshSubmitted).toHaveBeenCalledOnce();
    expect(fresh).toHaveBeenCalledOnce();
    expect(stale).not.toHaveBeenCalled();
    expect(staleSubmitted).not.toHaveBeenCalled();
  });

  it('does not re-render the consumer for a poll that brings nothing new', async () => {
    const t = setup({ reads: [{ status: 'processing' }] });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    expect(t.result.current.status).toBe('processing');
    const before = t.renders();
    const reads = t.calls.getResult.length;
    await flush(30_000);
    expect(t.calls.getResult.length).toBeGreaterThanOrEqual(reads + 4);
    expect(t.renders()).toBe(before);
  });

  it('does not re-render for transient errors retried in the background', async () => {
    const t = setup({
      reads: [{ status: 'processing' }, { error: new ImageToVideoError('upstream-unavailable', 'x') }, { status: 'processing' }],
    });
    act(() => {
      void t.result.current.submit(URL_REQUEST);
    });
    await flush(5000);
    const before = t.renders();
    await flush(15_000);
    expect(t.calls.getResult.length).toBeGreaterThanOrEqual(3);
    expect(t.renders()).toBe(before);
  });
});

/** Submits once per mount, the way a host auto-starting a job from an effect would. */
function useAutoSubmit(submit: (r: typeof URL_REQUEST) => Promise<unknown>) {
  useEffect(() => {
    void submit(URL_REQUEST);
  }, [submit]);
}
