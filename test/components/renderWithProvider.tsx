import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ImageToVideoProvider } from '../../src/hooks/ImageToVideoProvider';
import type { ImageToVideoTransport } from '../../src/core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../../src/core/pollSchedule';

/** Polls as soon as the schedule allows (1 s), so tests see a job through in real time. */
export const FAST_SCHEDULE: PollScheduleOptions = { sparseIntervalMs: 1000, denseIntervalMs: 1000, expectedWindowMs: [0, 60_000] };

/** Renders inside a fresh QueryClient and a provider with the given transport. */
export function renderWithProvider(ui: ReactElement, transport: ImageToVideoTransport, client = new QueryClient()) {
  const wrap = (node: ReactElement) => (
    <QueryClientProvider client={client}>
      <ImageToVideoProvider transport={transport} schedule={FAST_SCHEDULE}>
        {node}
      </ImageToVideoProvider>
    </QueryClientProvider>
  );
  const result = render(wrap(ui));
  return { ...result, client, rerender: (next: ReactElement) => result.rerender(wrap(next)) };
}
