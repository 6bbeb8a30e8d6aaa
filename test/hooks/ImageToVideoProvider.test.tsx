import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideoProvider } from '../../src/hooks/ImageToVideoProvider';
import { useImageToVideo } from '../../src/hooks/useImageToVideo';
import { useImageToVideoConfig } from '../../src/hooks/useImageToVideoConfig';
import { createScriptedTransport } from './scriptedTransport';
import { createTestClient, flush } from './renderWithClient';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ImageToVideoProvider', () => {
  it('supplies the transport and schedule to the hooks below it', async () => {
    const scripted = createScriptedTransport({ reads: [{ status: 'processing' }] });
    const client = createTestClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>
        <ImageToVideoProvider transport={scripted.transport} schedule={{ sparseIntervalMs: 2000 }}>
          {children}
        </ImageToVideoProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => useImageToVideo(), { wrapper });
    act(() => {
      void result.current.submit({ image: 'https://cdn.test/cat.png', prompt: 'a cat' });
    });
    await flush(2000);
    expect(scripted.calls.submit).toHaveLength(1);
    expect(scripted.calls.getResult).toHaveLength(1);
    expect(result.current.status).toBe('processing');
  });

  it('falls back to data-uri when the transport cannot upload', () => {
    const scripted = createScriptedTransport({ upload: false });
    const { result } = renderHook(() => useImageToVideoConfig(), {
      wrapper: ({ children }) => <ImageToVideoProvider transport={scripted.transport}>{children}</ImageToVideoProvider>,
    });
    expect(result.current.imageMode).toBe('data-uri');
    expect(result.current.transport).toBe(scripted.transport);
  });

  it('defaults to the proxy transport, created once, with upload mode', () => {
    const { result, rerender } = renderHook(() => useImageToVideoConfig(), {
      wrapper: ({ children }) => <ImageToVideoProvider>{children}</ImageToVideoProvider>,
    });
    const first = result.current.transport;
    expect(typeof first.upload).toBe('function');
    expect(result.current.imageMode).toBe('upload');
    rerender();
    expect(result.current.transport).toBe(first);
  });

  it('is optional: outside it the hooks use the defaults', () => {
    const { result } = renderHook(() => useImageToVideoConfig());
    expect(result.current.imageMode).toBe('upload');
    expect(typeof result.current.transport.submit).toBe('function');
  });

  it('never creates a QueryClient: without the host one (or an explicit one) the hook throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useImageToVideo())).toThrow(/QueryClient/);
    const client = createTestClient();
    const { result } = renderHook(() => useImageToVideo({ queryClient: client }));
    expect(result.current.status).toBe('idle');
  });
});
