import type { HttpHandler } from 'msw';
import type { MswApi } from 'msw-storybook-addon/types';
import type { PollScheduleOptions } from '../../src/core/pollSchedule';
import type { Simulator } from '../../src/testing/createSimulator';
import { createProxyHandlers, type ProxyHandlersOptions } from '../../src/testing/createProxyHandlers';

/** Polls once a second (the schedule's floor), so jobs in stories settle within a few seconds. */
export const STORY_SCHEDULE: PollScheduleOptions = {
  sparseIntervalMs: 1000,
  denseIntervalMs: 1000,
  expectedWindowMs: [1000, 8000],
};

/** Long enough that a story (and its a11y check) sees the state, short enough to never matter. */
export const FOREVER_MS = 10 * 60_000;

let current: Simulator | undefined;

/**
 * A story's `beforeEach`: routes the proxy's `/api/wavespeed/*` to the real proxy over a fresh
 * in-process simulator through the MSW worker, with this story's timing and faults. Jobs finish
 * instantly by default. `hostAnswers` take precedence over the proxy: what the host's server says
 * before the proxy is reached (an HTML page where JSON belongs, say).
 */
export function simulate(options: ProxyHandlersOptions = {}, ...hostAnswers: HttpHandler[]) {
  return ({ msw }: { msw: MswApi }) => {
    const { handlers, simulator } = createProxyHandlers({ timing: 'instant', ...options });
    current = simulator;
    msw.use(...hostAnswers, ...handlers);
  };
}

/** The simulator the running story's `beforeEach` installed, for play functions to inspect. */
export function storySimulator(): Simulator {
  if (!current) throw new Error('This story has no simulator: add `beforeEach: simulate()`.');
  return current;
}
