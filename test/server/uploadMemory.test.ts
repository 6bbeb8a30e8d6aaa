import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createImageToVideoHandler } from '../../src/server/createImageToVideoHandler';
import { toNodeHandler } from '../../src/server/toNodeHandler';
import { startProcess, type LineProcess } from './hostile/startProcess';
import { API_KEY, closeServer, listen } from './proxyHarness';

const MiB = 1024 * 1024;
/** Slower than loopback: a proxy that read its callers faster than this would have to hold their bytes. */
const UPSTREAM_BYTES_PER_SECOND = 16 * MiB;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// The proxy runs here; the clients and the slow upstream in processes of their own, so the bytes
// counted here are the proxy's.
let upstream: LineProcess;
let client: LineProcess;
let server: Server;
let port: number;

beforeAll(async () => {
  upstream = startProcess(resolve(import.meta.dirname, 'hostile/upstreamProcess.ts'), [String(UPSTREAM_BYTES_PER_SECOND)]);
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

/** Bytes of Buffers and other ArrayBuffers still reachable after a full collection: where an upload's bytes would be held. */
function liveBufferBytes(): number {
  gc();
  return process.memoryUsage().arrayBuffers;
}

async function upload(concurrent: number): Promise<number[]> {
  client.send(JSON.stringify({ port, body: 'upload-20MiB', concurrent }));
  return JSON.parse(await client.next()) as number[];
}

it('holds at most 4 MiB per concurrent 20 MiB upload while a slow upstream takes it (issue #9)', async () => {
  // One upload first, so what the first one loads and compiles is in the baseline.
  expect(await upload(1)).toEqual([200]);
  const baseline = liveBufferBytes();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, liveBufferBytes())), 100);
  const concurrent = 3;
  try {
    expect(await upload(concurrent)).toEqual(Array(concurrent).fill(200));
  } finally {
    clearInterval(sampler);
  }
  // Before the Node client streamed uploads, fetch kept every chunk sent: about 20 MiB each by the end.
  expect((peak - baseline) / concurrent / MiB).toBeLessThan(4);
}, 120_000);
