import { afterEach, describe, expect, it } from 'vitest';
import { EXPECTED_WINDOW_HEADER } from '../../src/core/protocol';
import { predictionSchema } from '../../src/core/predictionSchema';
import { createJobTimings } from '../../src/server/createJobTimings';
import { createMemoryStore } from '../../src/server/createMemoryStore';
import type { ProxyStore } from '../../src/server/ProxyStore';
import { VALID_SUBMIT, startHarness, submit, type Harness } from './proxyHarness';

describe('createJobTimings', () => {
  it('times each task once, from accepted to first seen completed, per duration', async () => {
    let now = 1_000_000;
    const store = createMemoryStore({ now: () => now });
    const timings = createJobTimings(store, () => now);
    for (const [id, ms] of [['a', 30_000], ['b', 40_000], ['c', 50_000], ['d', 60_000], ['e', 65_000]] as const) {
      await timings.started(id, 5);
      now += ms;
      await timings.completed(id);
      now += 1000;
      // A second read (another poll, another instance) of the same completion is not a new sample.
      await timings.completed(id);
    }
    expect(await store.readRecent!('job-ms:5')).toEqual(['65000', '60000', '50000', '40000', '30000']);
    expect(await timings.window(5)).toEqual([30_000, 65_000]);
    expect(await timings.window(10)).toBeUndefined();
  });

  it('says nothing until three tasks are timed, and ignores tasks it did not see start', async () => {
    const timings = createJobTimings(createMemoryStore());
    await timings.completed('unknown');
    await timings.started('a', 5);
    await timings.completed('a');
    await timings.started('b', 5);
    await timings.completed('b');
    expect(await timings.window(5)).toBeUndefined();
  });

  it('does nothing on a store without lists', async () => {
    const { pushRecent: _p, readRecent: _r, ...plain } = createMemoryStore();
    const store: ProxyStore = plain;
    const timings = createJobTimings(store);
    await timings.started('a', 5);
    await timings.completed('a');
    expect(await timings.window(5)).toBeUndefined();
  });
});

describe('the expected window on a submit', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function runJob(h: Harness, duration: 5 | 10): Promise<Response> {
    const submitted = await submit(h.api, { ...VALID_SUBMIT, duration });
    expect(submitted.status).toBe(200);
    const answer = submitted.clone();
    const { id } = predictionSchema.parse(((await submitted.json()) as { data: unknown }).data);
    for (;;) {
      const read = await fetch(`${h.api}/predictions/${id}/result`);
      const body = (await read.json()) as { data: { status: string } };
      if (body.data.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return answer;
  }

  it('is absent until the proxy timed three tasks of that duration, then their real span', async () => {
    // One store shared by two proxy instances: what one times, the other tells.
    const store = createMemoryStore();
    harness = await startHarness({ store }, { timing: { queueMs: 0, processingMs: 150 } });
    const h = harness;
    for (let i = 0; i < 3; i++) {
      expect((await runJob(h, 5)).headers.get(EXPECTED_WINDOW_HEADER)).toBeNull();
    }
    const answer = await submit(h.api, VALID_SUBMIT);
    const header = answer.headers.get(EXPECTED_WINDOW_HEADER);
    expect(header).toMatch(/^\d+-\d+$/);
    const [start, end] = header!.split('-').map(Number);
    // Each took the simulated 150 ms, timed by the proxy from its submit's answer (a few ms after
    // the task began upstream) to the first read that saw it done (at most one 20 ms gap later).
    expect(start).toBeGreaterThanOrEqual(100);
    expect(end).toBeLessThan(1500);
    expect(start).toBeLessThanOrEqual(end!);
    // Another duration has its own samples: none yet.
    expect((await submit(h.api, { ...VALID_SUBMIT, duration: 10 })).headers.get(EXPECTED_WINDOW_HEADER)).toBeNull();
  });
});
