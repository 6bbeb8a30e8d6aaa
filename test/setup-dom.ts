import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { loadProxyRequests } from '../src/core/loadProxyRequests';

// The proxy transport's requests load on first use, with real I/O that fake timers cannot advance; load
// it before the tests so a test in fake time runs it at once, as a browser that preloaded it does.
// Loading on first use has its own tests (test/core/loadOnce.test.ts).
beforeAll(async () => {
  await loadProxyRequests();
});

afterEach(() => cleanup());
