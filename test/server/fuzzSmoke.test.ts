import { describe, expect, it } from 'vitest';
import * as source from '../../src/server/index';
import { runFuzz, type ProxyModule } from '../../scripts/fuzz/runFuzz';

// The short smoke of `npm run fuzz` (issue #9): the same engine on a fixed seed, against the
// source handler, over raw sockets. The full 10 000-case run is `npm run fuzz` on the build.
describe('fuzz smoke', () => {
  it('keeps every invariant over 300 seeded hostile requests in both configurations', async () => {
    const report = await runFuzz({ proxy: source, seed: 9, cases: 300 });
    expect(report.failures).toEqual([]);
    expect(report.cases).toBe(300);
    for (const count of Object.values(report.casesPerCategory)) expect(count).toBe(50);
    // The campaign reaches upstream and is refused in many ways, or it proves nothing.
    expect(report.forwarded).toBeGreaterThan(40);
    expect(Object.keys(report.statuses).length).toBeGreaterThan(6);
  }, 60_000);

  it('catches a proxy that forwards whatever it is sent', async () => {
    // A naive proxy: the right path and key, no checks. The campaign must call it out.
    const naive: ProxyModule = {
      ...source,
      createImageToVideoHandler: (options = {}) => async (request) => {
        const path = new URL(request.url).pathname.replace(options.basePath ?? '/api/wavespeed', '/api/v3');
        const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
        const upstream = await fetch(`${options.baseUrl}${path}`, {
          method: request.method === 'GET' ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': request.headers.get('content-type') ?? 'application/json', 'idempotency-key': 'k' },
          body,
        }).catch(() => new Response('{"message":"unreachable"}', { status: 502 }));
        return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers: { 'content-type': 'application/json' } });
      },
    };
    const report = await runFuzz({ proxy: naive, seed: 9, cases: 240, maxFailures: 10_000 });
    const problems = report.failures.map((failure) => failure.problem);
    expect(problems.some((problem) => problem.startsWith('upstream contract: an invalid submit reached upstream'))).toBe(true);
    expect(problems.some((problem) => problem === 'the API key appeared in an answer')).toBe(true);
  }, 60_000);
});
