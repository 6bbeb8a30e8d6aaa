import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { PromptStyle } from '../../src/core/promptOptimizerInputSchema';
import { useImageToVideo } from '../../src/hooks/useImageToVideo';
import { usePromptOptimizer, type UsePromptOptimizerOptions } from '../../src/hooks/usePromptOptimizer';
import { createMockTransport, type MockTransportOptions } from '../../src/testing/createMockTransport';
import { simulatedPromptRewrite } from '../../src/testing/simulatedPromptRewrite';
import { createTestClient, wrapperFor } from './renderWithClient';

const IMAGE = 'https://cdn.test/cat.png';

function png(): Blob {
  return new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' });
}

function setup(mock: MockTransportOptions = {}, options: Omit<UsePromptOptimizerOptions, 'transport'> = {}) {
  const transport = createMockTransport(mock);
  const client = createTestClient();
  const hook = renderHook(
    () => ({ optimizer: usePromptOptimizer({ transport, ...options }), job: useImageToVideo({ transport }) }),
    { wrapper: wrapperFor(client) },
  );
  return { transport, ...hook };
}

describe('usePromptOptimizer', () => {
  it('answers the improved prompt: idle → optimizing → success', async () => {
    const onSuccess = vi.fn();
    const t = setup({ latencyMs: 300 }, { onSuccess });
    expect(t.result.current.optimizer.status).toBe('idle');
    expect(t.result.current.optimizer.isSupported).toBe(true);
    let answer!: Promise<string | undefined>;
    act(() => {
      answer = t.result.current.optimizer.optimize({ text: 'make it move', image: IMAGE, style: 'anime' });
    });
    await waitFor(() => expect(t.result.current.optimizer.status).toBe('optimizing'));
    expect(t.result.current.optimizer.isPending).toBe(true);
    const expected = simulatedPromptRewrite('make it move', 'anime');
    await expect(answer).resolves.toBe(expected);
    await waitFor(() => expect(t.result.current.optimizer.status).toBe('success'));
    expect(t.result.current.optimizer.data).toBe(expected);
    expect(onSuccess).toHaveBeenCalledWith(expected, { text: 'make it move', image: IMAGE, style: 'anime' });
    expect(t.transport.calls.optimizePrompt[0]!.parsed).toEqual({ text: 'make it move', image: IMAGE, style: 'anime' });
    expect(t.transport.calls.upload).toEqual([]);
  });

  it('uploads a Blob first, and the later submit of the same image reuses that URL: one upload', async () => {
    const t = setup({ latencyMs: 300 });
    const image = png();
    let answer!: Promise<string | undefined>;
    act(() => {
      answer = t.result.current.optimizer.optimize({ text: 'a cat', image });
    });
    await waitFor(() => expect(t.result.current.optimizer.status).toBe('uploading'));
    const improved = await answer;
    expect(t.transport.calls.upload).toHaveLength(1);
    expect(t.transport.calls.optimizePrompt[0]!.parsed?.image).toBe('https://media.example/1/image');

    await act(async () => {
      await t.result.current.job.submit({ image, prompt: improved! });
    });
    expect(t.transport.calls.upload).toHaveLength(1);
    expect(t.transport.calls.submit[0]!.input).toMatchObject({ image: 'https://media.example/1/image', prompt: improved });
  });

  it('joins an upload the submit already started instead of sending the bytes twice', async () => {
    const t = setup({ latencyMs: 30 });
    const image = png();
    let submitted!: Promise<unknown>;
    let answer!: Promise<string | undefined>;
    act(() => {
      submitted = t.result.current.job.submit({ image, prompt: 'a cat' });
      answer = t.result.current.optimizer.optimize({ text: 'a cat', image });
    });
    await act(async () => {
      await Promise.all([submitted, answer]);
    });
    expect(t.transport.calls.upload).toHaveLength(1);
    expect(t.transport.calls.optimizePrompt[0]!.parsed?.image).toBe(t.transport.calls.submit[0]!.input.image);
  });

  it.each([
    ['empty text', { text: '  ', image: IMAGE }, 'text'],
    ['a data-URI image', { text: 'a cat', image: 'data:image/png;base64,iVBORw0KGgo=' }, 'image'],
    ['10,000 characters', { text: 'x'.repeat(10_000), image: IMAGE }, 'text'],
    ['an unknown style', { text: 'a cat', image: IMAGE, style: 'baroque' as PromptStyle }, 'style'],
  ])('refuses %s with a typed error before anything is sent', async (_name, request, field) => {
    const onError = vi.fn();
    const t = setup({}, { onError });
    let answer: string | undefined = 'unset';
    await act(async () => {
      answer = await t.result.current.optimizer.optimize({ ...request, image: request.image });
    });
    expect(answer).toBeUndefined();
    expect(t.result.current.optimizer.status).toBe('error');
    expect(t.result.current.optimizer.error).toMatchObject({ kind: 'invalid-input', retryable: false });
    expect(Object.keys(t.result.current.optimizer.error!.fieldErrors!)).toContain(field);
    expect(onError).toHaveBeenCalledOnce();
    expect(t.transport.calls.optimizePrompt.every((call) => call.parsed === undefined)).toBe(true);
  });

  it('does not upload a Blob when the text is already invalid', async () => {
    const t = setup();
    await act(async () => {
      await t.result.current.optimizer.optimize({ text: '', image: png() });
    });
    expect(t.result.current.optimizer.error?.fieldErrors?.text).toBeDefined();
    expect(t.transport.calls.upload).toEqual([]);
  });

  it('reports an upstream 429 as rate-limited with its Retry-After', async () => {
    const t = setup({ optimizeFaults: [{ fault: 'rate-limited', retryAfterSeconds: 12 }] });
    await act(async () => {
      await t.result.current.optimizer.optimize({ text: 'a cat', image: IMAGE });
    });
    expect(t.result.current.optimizer.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 12_000 });
    expect(t.result.current.optimizer.data).toBeUndefined();
  });

  it('cancel() aborts the call and goes back to idle without an error', async () => {
    const onError = vi.fn();
    const t = setup({ optimizeFaults: [{ fault: 'hang' }] }, { onError });
    let answer!: Promise<string | undefined>;
    act(() => {
      answer = t.result.current.optimizer.optimize({ text: 'a cat', image: IMAGE });
    });
    await waitFor(() => expect(t.result.current.optimizer.status).toBe('optimizing'));
    act(() => t.result.current.optimizer.cancel());
    await expect(answer).resolves.toBeUndefined();
    expect(t.result.current.optimizer.status).toBe('idle');
    expect(t.result.current.optimizer.error).toBeUndefined();
    expect(onError).not.toHaveBeenCalled();
  });

  it('says so when the transport has no optimizer', async () => {
    const t = setup({ optimizeFaults: false });
    expect(t.result.current.optimizer.isSupported).toBe(false);
    await act(async () => {
      await t.result.current.optimizer.optimize({ text: 'a cat', image: IMAGE });
    });
    expect(t.result.current.optimizer.error).toMatchObject({ kind: 'invalid-input' });
  });
});

describe('enablePromptOptimizer on the submit', () => {
  it('is sent only when asked for', async () => {
    const plain = setup();
    await act(async () => {
      await plain.result.current.job.submit({ image: IMAGE, prompt: 'a cat' });
    });
    expect('enable_prompt_optimizer' in plain.transport.calls.submit[0]!.input).toBe(false);
    const opted = setup();
    await act(async () => {
      await opted.result.current.job.submit({ image: IMAGE, prompt: 'a dog', enablePromptOptimizer: true });
    });
    expect(opted.transport.calls.submit[0]!.input).toMatchObject({ prompt: 'a dog', enable_prompt_optimizer: true });
  });
});
