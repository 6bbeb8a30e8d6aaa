import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ImageToVideoError } from '../../src/core/ImageToVideoError';
import { loadJobSteps } from '../../src/engine/loadJobSteps';
import type * as StepsLoader from '../../src/engine/loadJobSteps';
import { usePromptOptimizer } from '../../src/hooks/usePromptOptimizer';
import { createMockTransport } from '../../src/testing/createMockTransport';
import { createTestClient, wrapperFor } from './renderWithClient';

// The real loader, held back on request: the optimizer's code may still be loading at the click.
vi.mock('../../src/engine/loadJobSteps', async (importOriginal) => {
  const actual = await importOriginal<typeof StepsLoader>();
  return { loadJobSteps: vi.fn(actual.loadJobSteps) };
});

function holdLoad(): () => void {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const real = vi.mocked(loadJobSteps).getMockImplementation()!;
  vi.mocked(loadJobSteps).mockImplementationOnce(() => released.then(real));
  return release;
}

const REQUEST = { text: 'make it move', image: 'https://cdn.test/cat.png' };

/** Mounts the hook and clicks "Improve prompt", as far as the call's first render. */
function startOptimizing() {
  const onError = vi.fn();
  const transport = createMockTransport();
  const { result } = renderHook(() => usePromptOptimizer({ transport, onError }), { wrapper: wrapperFor(createTestClient()) });
  let answer!: Promise<string | undefined>;
  act(() => {
    answer = result.current.optimize(REQUEST);
  });
  return { transport, onError, result, answer };
}

describe('usePromptOptimizer while its code loads', () => {
  it('is optimizing from the click, and runs once the code is there', async () => {
    const release = holdLoad();
    const { transport, result, answer } = startOptimizing();
    expect(result.current).toMatchObject({ status: 'optimizing', isPending: true });
    expect(transport.calls.optimizePrompt).toHaveLength(0);
    await act(async () => release());
    await expect(answer).resolves.toEqual(expect.any(String));
    expect(transport.calls.optimizePrompt).toHaveLength(1);
  });

  it('sends nothing when canceled before its code is there', async () => {
    const release = holdLoad();
    const { transport, onError, result, answer } = startOptimizing();
    act(() => result.current.cancel());
    await act(async () => release());
    await expect(answer).resolves.toBeUndefined();
    expect(result.current).toMatchObject({ status: 'idle', error: undefined });
    expect(transport.calls.optimizePrompt).toHaveLength(0);
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports a failed load as a network error, and the next call loads again', async () => {
    vi.mocked(loadJobSteps).mockRejectedValueOnce(new ImageToVideoError('network', 'Failed to fetch dynamically imported module'));
    const { transport, onError, result, answer } = startOptimizing();
    await act(async () => {
      await answer;
    });
    expect(result.current).toMatchObject({ status: 'error', isPending: false, error: { kind: 'network' } });
    expect(onError).toHaveBeenCalledOnce();
    expect(transport.calls.optimizePrompt).toHaveLength(0);

    await act(async () => {
      await result.current.optimize(REQUEST);
    });
    expect(result.current).toMatchObject({ status: 'success', error: undefined, data: expect.any(String) });
    expect(transport.calls.optimizePrompt).toHaveLength(1);
  });
});
