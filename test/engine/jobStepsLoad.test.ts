// @vitest-environment jsdom
// The submit's code loads on first use: a failed load is the user's failure to see, not a hang.
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
