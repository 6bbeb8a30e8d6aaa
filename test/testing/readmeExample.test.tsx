// @vitest-environment jsdom
// The example from the README's "Testing your integration" section, kept running.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ImageToVideoProvider, useImageToVideo } from '../../src/index';
import { createMockTransport } from '../../src/testing/index';
import { expect, it } from 'vitest';

it('reports a rate limit with the time to wait, and sends the submit once', async () => {
  const transport = createMockTransport({ submitFaults: [{ fault: 'rate-limited', retryAfterSeconds: 30 }] });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={new QueryClient()}>
      <ImageToVideoProvider transport={transport}>{children}</ImageToVideoProvider>
    </QueryClientProvider>
  );
  const { result } = renderHook(() => useImageToVideo(), { wrapper });
  await result.current.submit({ image: 'https://images.example/cat.jpg', prompt: 'a cat yawns' });
  await waitFor(() => expect(result.current.error?.kind).toBe('rate-limited'));
  expect(result.current.error?.retryAfterMs).toBe(30_000);
  expect(transport.calls.submit).toHaveLength(1);
});
