import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIsolatedProxy, type IsolatedProxy } from './hostile/startIsolatedProxy';

const MiB = 1024 * 1024;
/** Slower than loopback: a proxy that read its callers faster than this would have to hold their bytes. */
const UPSTREAM_BYTES_PER_SECOND = 16 * MiB;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let proxy: IsolatedProxy;

beforeAll(async () => {
  proxy = await startIsolatedProxy([String(UPSTREAM_BYTES_PER_SECOND)]);
}, 30_000);

afterAll(() => proxy.stop());

/** Bytes of Buffers and other ArrayBuffers still reachable after a full collection: where an upload's bytes would be held. */
function liveBufferBytes(): number {
  gc();
  return process.memoryUsage().arrayBuffers;
}

async function upload(concurrent: number): Promise<number[]> {
  proxy.client.send(JSON.stringify({ port: proxy.port, body: 'upload-20MiB', concurrent }));
  return JSON.parse(await proxy.client.next()) as number[];
}

/** Live buffer bytes held per upload at the peak of `concurrent` uploads at once. */
async function heldPerUpload(concurrent: number): Promise<number> {
  const baseline = liveBufferBytes();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, liveBufferBytes())), 100);
  try {
    expect(await upload(concurrent)).toEqual(Array(concurrent).fill(200));
  } finally {
    clearInterval(sampler);
  }
  return (peak - baseline) / concurrent;
}

it('holds at most 4 MiB per concurrent 20 MiB upload while a slow upstream takes it (issue #9)', async () => {
  // One upload first, so what the first one loads and compiles is in the baseline.
  expect(await upload(1)).toEqual([200]);
  // Best of three: a loaded machine only adds (chunks read in a burst after a stall), while code
  // that holds what it sends holds it in every run.
  const runs: number[] = [];
  for (let run = 0; run < 3 && !(runs.length && Math.min(...runs) < 4 * MiB); run++) runs.push(await heldPerUpload(3));
  // Before the Node client streamed uploads, fetch kept every chunk sent: about 8 MiB each here, 20 MiB by the end.
  expect(Math.min(...runs) / MiB).toBeLessThan(4);
}, 120_000);
