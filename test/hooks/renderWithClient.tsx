import { QueryClient, QueryClientProvider, notifyManager } from '@tanstack/react-query';
import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { PollScheduleOptions } from '../../src/core/pollSchedule';

// react-query batches notifications on a 0 ms timeout, which fake timers move 1 ms ahead when it is
// set during a tick; a microtask keeps "what a read changed" at the instant of the read.
notifyManager.setScheduler(queueMicrotask);

/** A fresh client per test; react-query's own retries off (the prediction query sets its own). */
export function createTestClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** For Strict Mode pass `reactStrictMode: true` to renderHook: it double-invokes effects only at the root. */
export function wrapperFor(client: QueryClient) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  };
}

/** Advances fake time inside act, so what the timers start (reads, renders) settles before asserting. */
export async function flush(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
    // A read that a timer started resolves through a few promise hops at the same fake instant.
    await vi.advanceTimersByTimeAsync(0);
  });
}

/** The default schedule with jitter pinned (spread 1), so back-off delays are exact. */
export const EXACT: PollScheduleOptions = { random: () => 0.5 };
