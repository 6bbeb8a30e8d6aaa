import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedProxy, type IsolatedProxy } from './hostile/startIsolatedProxy';
import { startBlockMeter } from '../../bench/hostile/startBlockMeter';

let proxy: IsolatedProxy;

beforeAll(async () => {
  proxy = await startIsolatedProxy();
}, 30_000);

afterAll(() => proxy.stop());

/**
 * The longest the proxy blocks its event loop while it answers `body`, counted in the time its
 * main thread ran (so a loaded machine, which only delays the thread, does not inflate it): the
 * best of three rounds, the first of which also pays for compiling the code.
 */
async function longestBlockMs(body: string, status: number, idempotencyKey?: string): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const meter = startBlockMeter();
    proxy.client.send(JSON.stringify({ port: proxy.port, body, idempotencyKey: idempotencyKey && `${idempotencyKey}-${round}` }));
    const statuses = JSON.parse(await proxy.client.next()) as number[];
    const figures = await meter.stop();
    expect(statuses).toEqual([status]);
    best = Math.min(best, figures.cpuMs);
  }
  return best;
}

describe('no submit body blocks the proxy for more than 20 ms (issue #9)', () => {
  // Before the streaming reader, the valid data URI blocked about 150–400 ms (decode, JSON.parse,
  // the data-URI pattern and JSON.stringify, each over 10 MiB, in one go).
  it.each([
    ['10 MiB of nested arrays', 'nested-arrays', 400],
    ['10 MiB of object keys', 'object-keys', 400],
    ['10 MiB of a flat number array', 'flat-numbers', 400],
    ['a valid 10 MiB data-URI submit', 'data-uri', 200],
  ])('%s', async (_, body, status) => {
    expect(await longestBlockMs(body, status)).toBeLessThan(20);
  }, 60_000);

  it('a valid 10 MiB data-URI submit with an idempotency key (its body is hashed)', async () => {
    expect(await longestBlockMs('data-uri', 200, `stall-${Date.now()}`)).toBeLessThan(20);
  }, 60_000);
});
