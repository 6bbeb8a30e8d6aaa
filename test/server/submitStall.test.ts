import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlockMeter } from '../../bench/hostile/startBlockMeter';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { toNodeHandler } from '../../src/server/toNodeHandler';
import { startProcess, type LineProcess } from './hostile/startProcess';
import { API_KEY, closeServer, listen } from './proxyHarness';

// The proxy runs here, behind the Node adapter; the client and the upstream run in processes of
// their own, so what is measured is the proxy's work alone.
let upstream: LineProcess;
let client: LineProcess;
let server: Server;
let port: number;

beforeAll(async () => {
  upstream = startProcess(resolve(import.meta.dirname, 'hostile/upstreamProcess.ts'));
  client = startProcess(resolve(import.meta.dirname, 'hostile/clientProcess.ts'));
  const handler = createImageToVideoHandler({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${await upstream.next()}` });
  server = createServer(toNodeHandler(handler));
  port = await listen(server);
}, 30_000);

afterAll(async () => {
  await closeServer(server);
  client.stop();
  upstream.stop();
});

/**
 * The longest the proxy blocks its event loop while it answers `body`, counted in the time its
 * main thread ran (so a loaded machine, which only delays the thread, does not inflate it): the
 * best of three rounds, the first of which also pays for compiling the code.
 */
async function longestBlockMs(body: string, status: number, idempotencyKey?: string): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const meter = startBlockMeter();
    client.send(JSON.stringify({ port, body, idempotencyKey: idempotencyKey && `${idempotencyKey}-${round}` }));
    const statuses = JSON.parse(await client.next()) as number[];
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
