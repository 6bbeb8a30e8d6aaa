import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { loadProxyRequests } from '../src/core/loadProxyRequests';
import { loadJobSteps } from '../src/engine/loadJobSteps';

// The code a submit runs loads on first use, with real I/O that fake timers cannot advance; load
// it before the tests so a test in fake time runs it at once, as a browser that preloaded it does.
// Loading on first use has its own tests (test/core/loadOnce.test.ts, test/engine/jobStepsLoad.test.ts).
beforeAll(async () => {
  await Promise.all([loadProxyRequests(), loadJobSteps()]);
});

afterEach(() => cleanup());
