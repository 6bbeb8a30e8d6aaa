import { useQuery } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { predictionSchema } from '../../src/core/predictionSchema';
import { predictionQueryOptions } from '../../src/engine/predictionQueryOptions';
import { usePrediction, type UsePredictionOptions } from '../../src/hooks/usePrediction';
import { createScriptedTransport, type ReadStep } from './scriptedTransport';
import { EXACT, createTestClient, flush, wrapperFor } from './renderWithClient';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function watch(id: string | undefined, reads: ReadStep[], options: Omit<UsePredictionOptions, 'transport'> = {}, strict = false) {
  const scripted = createScriptedTransport({ reads });
  const client = createTestClient();
  const hook = renderHook(
    (props: { id: string | undefined; options: Omit<UsePredictionOptions, 'transport'> }) =>
      usePrediction(props.id, { transport: scripted.transport, schedule: EXACT, ...props.options }),
    { wrapper: wrapperFor(client), initialProps: { id, options }, reactStrictMode: strict },
  );
  return { ...scripted, ...hook, client };
}

describe('usePrediction', () => {
  it('is idle and reads nothing without an id', async () => {
    const t = watch(undefined, [{ status: 'processing' }]);
    await flush(60_000);
    expect(t.result.current).toMatchObject({ status: 'idle', prediction: undefined, error: undefined });
    expect(t.calls.getResult).toHaveLength(0);
    await act(() => t.result.current.refetch());
    expect(t.calls.getResult).toHaveLength(0);
  });

  it('reads at once, then on the schedule, until the job completes', async () => {
    const onCompleted = vi.fn();
    const t = watch('job-1', [{ status: 'created' }, { status: 'processing' }, { status: 'completed' }], { onCompleted });
    expect(t.result.current.status).toBe('queued');
    await flush();
    expect(t.calls.getResult).toHaveLength(1);
    expect(t.result.current.status).toBe('queued');
    await flush(5000);
    expect(t.result.current.status).toBe('processing');
    await flush(5000);
    expect(t.result.current.status).toBe('completed');
    expect(t.result.current.videoUrl).toBe('https://cdn.test/videos/job-1.mp4');
    expect(t.result.current.settledAt).toBe(Date.now());
    expect(onCompleted).toHaveBeenCalledOnce();
  });

  it('reports a completion once under Strict Mode', async () => {
    const onCompleted = vi.fn();
    const t = watch('job-1', [{ status: 'completed' }], { onCompleted }, true);
    await flush();
    expect(t.result.current.status).toBe('completed');
    expect(onCompleted).toHaveBeenCalledOnce();
  });

  it('counts the deadline from created_at when resuming, and refetch() can still find the job finished', async () => {
    const onError = vi.fn();
    const scripted = createScriptedTransport();
    // The job was created 11 minutes ago: the default 10-minute deadline has passed.
    const created = new Date(Date.now() - 11 * 60_000).toISOString();
    let finished = false;
    scripted.transport.getResult = async (id) => {
      scripted.calls.getResult.push({ id, at: Date.now() });
      return predictionSchema.parse({
        id,
        status: finished ? 'completed' : 'processing',
        outputs: finished ? ['https://cdn.test/v.mp4'] : [],
        created_at: created,
      });
    };
    const client = createTestClient();
    const { result } = renderHook(() => usePrediction('job-1', { transport: scripted.transport, onError }), {
      wrapper: wrapperFor(client),
    });
    await flush();
    expect(result.current.status).toBe('failed');
    expect(result.current.error?.kind).toBe('timeout');
    expect(onError).toHaveBeenCalledOnce();
    await flush(60_000);
    expect(scripted.calls.getResult).toHaveLength(1);

    finished = true;
    await act(() => result.current.refetch());
    expect(result.current.status).toBe('completed');
    expect(result.current.videoUrl).toBe('https://cdn.test/v.mp4');
  });

  it('shares one poll stream between two watchers of the same id', async () => {
    const scripted = createScriptedTransport({ reads: [{ status: 'processing' }] });
    const client = createTestClient();
    const both = renderHook(
      () => [
        usePrediction('job-1', { transport: scripted.transport }),
        usePrediction('job-1', { transport: scripted.transport }),
      ],
      { wrapper: wrapperFor(client) },
    );
    await flush(20_000);
    // At 0, 5, 10, 15 and 18 s (the expected window starts at 18 s): once each, not twice.
    expect(scripted.calls.getResult.map((c) => c.at - scripted.calls.getResult[0]!.at)).toEqual([0, 5000, 10_000, 15_000, 18_000]);
    expect(both.result.current[0]!.prediction).toBe(both.result.current[1]!.prediction);
    both.unmount();
  });

  it('stops reading when the id goes away', async () => {
    const t = watch('job-1', [{ status: 'processing' }, { hang: true }]);
    await flush(5000);
    expect(t.stats.inFlight).toBe(1);
    t.rerender({ id: undefined, options: {} });
    await flush();
    expect(t.stats.aborted).toBe(1);
    await flush(60_000);
    expect(t.calls.getResult).toHaveLength(2);
    expect(t.result.current.status).toBe('idle');
  });
});

describe('predictionQueryOptions', () => {
  it('is keyed by prediction id and works with prefetchQuery and useQuery', async () => {
    const scripted = createScriptedTransport({ reads: [{ status: 'completed' }] });
    const client = createTestClient();
    const options = predictionQueryOptions({ transport: scripted.transport, predictionId: 'job-7' });
    expect(options.queryKey).toEqual(['react-image-to-video', 'prediction', 'job-7']);
    await client.prefetchQuery(options);
    expect(client.getQueryData(options.queryKey)?.status).toBe('completed');

    const { result } = renderHook(() => useQuery(options, client).data?.outputs[0], { wrapper: wrapperFor(client) });
    await flush(60_000);
    expect(result.current).toBe('https://cdn.test/videos/job-7.mp4');
    // Prefetched and finished: never stale, never read again.
    expect(scripted.calls.getResult).toHaveLength(1);
  });

  it('keeps the data reference when a poll brings the same prediction', async () => {
    const scripted = createScriptedTransport({ reads: [{ status: 'processing' }] });
    const client = createTestClient();
    const options = predictionQueryOptions({ transport: scripted.transport, predictionId: 'job-7' });
    await client.fetchQuery(options);
    const first = client.getQueryData(options.queryKey);
    await client.fetchQuery({ ...options, staleTime: 0 });
    expect(scripted.calls.getResult).toHaveLength(2);
    expect(client.getQueryData(options.queryKey)).toBe(first);
  });
});
