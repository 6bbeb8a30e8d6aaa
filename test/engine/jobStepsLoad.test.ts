// @vitest-environment jsdom
// The submit's code loads on first use: a failed load is the user's failure to see, not a hang.
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as StepsLoader from '../../src/engine/loadJobSteps';
import { createMockTransport } from '../../src/testing/createMockTransport';

const REQUEST = { image: 'https://cdn.test/cat.png', prompt: 'a cat walks' };

afterEach(() => {
  vi.doUnmock('../../src/engine/jobSteps');
  vi.resetModules();
});

describe('the submit loads its code on first use', () => {
  it('fails the job as a network error when that load fails, and a retry loads it again', async () => {
    vi.resetModules();
    vi.doMock('../../src/engine/jobSteps', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const { ImageToVideoObserver } = await import('../../src/engine/ImageToVideoObserver');
    const transport = createMockTransport({ timeline: ['completed'] });
    const onError = vi.fn();
    const observer = new ImageToVideoObserver(new QueryClient(), { transport, onError });
    const unsubscribe = observer.subscribe(() => {});

    expect(await observer.submit(REQUEST)).toBeUndefined();
    expect(observer.getSnapshot()).toMatchObject({ status: 'failed', input: REQUEST, error: { kind: 'network' } });
    expect(onError).toHaveBeenCalledOnce();
    expect(transport.calls.submit).toHaveLength(0);

    vi.doUnmock('../../src/engine/jobSteps');
    expect(await observer.retry()).toMatchObject({ id: expect.any(String) });
    expect(transport.calls.submit).toHaveLength(1);
    unsubscribe();
  });
});

describe('a status read loads its code on first use', () => {
  it('treats a failed load as a failed read: tried again on the sparse interval, and the job goes on', async () => {
    vi.resetModules();
    const actual = await vi.importActual<typeof StepsLoader>('../../src/engine/loadJobSteps');
    const { ImageToVideoError } = await import('../../src/core/ImageToVideoError');
    const loads = vi
      .fn(actual.loadJobSteps)
      .mockRejectedValueOnce(new ImageToVideoError('network', 'Failed to fetch dynamically imported module'));
    vi.doMock('../../src/engine/loadJobSteps', () => ({ loadJobSteps: loads }));
    const { predictionQueryOptions } = await import('../../src/engine/predictionQueryOptions');
    const transport = createMockTransport({ timeline: ['completed'] });
    const accepted = await transport.submit(
      { image: 'https://cdn.test/cat.png', prompt: 'a cat', size: '1280*720', duration: 5 },
      { idempotencyKey: 'k' },
    );
    const client = new QueryClient();
    const options = predictionQueryOptions({ transport, predictionId: accepted.id, schedule: { sparseIntervalMs: 20 } });
    const prediction = await client.fetchQuery(options);
    expect(prediction).toMatchObject({ id: accepted.id, status: 'completed' });
    expect(loads).toHaveBeenCalledTimes(2);
    vi.doUnmock('../../src/engine/loadJobSteps');
  });
});
