import FakeTimers from '@sinonjs/fake-timers';
import { JSDOM } from 'jsdom';
import type { SimulationClock } from './polling/simulatePolling';

/**
 * A jsdom page and a fake clock for the simulated-time benchmarks, as Vitest's jsdom environment
 * and `vi.useFakeTimers` give the budget tests. `setImmediate` stays real (see SimulationClock).
 * Import React, react-dom and Testing Library only after calling this: they read `document` on load.
 */
export async function installFakePage(options: { realTime?: boolean } = {}): Promise<{ clock: SimulationClock; close(): void }> {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
  // In real time React schedules its own renders, as on a page; `act` is for the fake clock only.
  Object.assign(globalThis, { window: dom.window, document: dom.window.document, IS_REACT_ACT_ENVIRONMENT: !options.realTime });
  Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true });
  for (const name of ['HTMLElement', 'HTMLFormElement', 'HTMLInputElement', 'Node', 'Element', 'Event', 'MutationObserver', 'sessionStorage', 'matchMedia'] as const) {
    if (name in dom.window) Object.assign(globalThis, { [name]: (dom.window as unknown as Record<string, unknown>)[name] });
  }
  // Notifications at the instant of the read, as in the hook tests.
  const { notifyManager } = await import('@tanstack/react-query');
  notifyManager.setScheduler(queueMicrotask);
  // The code a job runs loads on first use, with real I/O a fake clock would run ahead of: load it
  // first, as a page that preloaded it on the first intent has it (test/setup-dom.ts does the same).
  const [{ loadJobSteps }, { loadProxyRequests }, { loadImagePreparation }] = await Promise.all([
    import('../src/engine/loadJobSteps'),
    import('../src/core/loadProxyRequests'),
    import('../src/hooks/loadImagePreparation'),
  ]);
  await Promise.all([loadJobSteps(), loadProxyRequests(), loadImagePreparation()]);
  if (options.realTime) {
    return {
      clock: {
        next: () => Promise.reject(new Error('A real-time page has no simulated clock.')),
      },
      close: () => dom.window.close(),
    };
  }
  const fake = FakeTimers.install({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: Date.UTC(2026, 0, 1),
  });
  return {
    clock: { next: async () => void (await fake.nextAsync()) },
    close() {
      fake.uninstall();
      dom.window.close();
    },
  };
}
