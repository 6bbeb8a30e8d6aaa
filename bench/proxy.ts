/**
 * The proxy on loopback with autocannon: result reads straight from the simulator against the
 * same reads through the proxy's Node adapter, alternating, 3 rounds in the same run. Then 30 s at
 * 100 connections through the proxy: errors, and the proxy's heap before and after (after a GC).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { spread } from './chromium';
import { writeResult } from './writeResult';

const ROUNDS = 3;
const ROUND_SECONDS = 10;
const ROUND_CONNECTIONS = 10;
const SOAK_SECONDS = 30;
const SOAK_CONNECTIONS = 100;

interface Child {
  process: ChildProcessWithoutNullStreams;
  next(): Promise<Record<string, number | string>>;
}

function start(...args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'proxy/server.ts'), ...args], { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    process: child,
    async next() {
      const { value, done } = await lines.next();
      if (done) throw new Error(`The ${args[0]} process ended.`);
      return JSON.parse(value as string) as Record<string, number | string>;
    },
  };
}

function load(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds, headers: { authorization: 'Bearer bench-key' } });
}

const simulator = start('simulator');
const simulatorUrl = String((await simulator.next()).url);
const proxy = start('proxy', simulatorUrl);
const proxyUrl = String((await proxy.next()).url);
try {
  // One finished task to read again and again.
  const submitted = await fetch(`${simulatorUrl}/api/v3/luma/ray-2-flash-i2v`, {
    method: 'POST',
    headers: { authorization: 'Bearer bench-key', 'content-type': 'application/json' },
    body: JSON.stringify({ image: 'https://cdn.example/cat.jpg', prompt: 'the cat turns its head' }),
  });
  const id = ((await submitted.json()) as { data: { id: string } }).data.id;
  const direct = `${simulatorUrl}/api/v3/predictions/${id}/result`;
  const proxied = `${proxyUrl}/api/wavespeed/predictions/${id}/result`;
  const check = await fetch(proxied);
  if (!check.ok) throw new Error(`The proxy answered ${check.status}.`);

  await load(direct, ROUND_CONNECTIONS, 2); // warm-up, both paths
  await load(proxied, ROUND_CONNECTIONS, 2);
  const rounds: { direct: autocannon.Result; proxied: autocannon.Result }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push({ direct: await load(direct, ROUND_CONNECTIONS, ROUND_SECONDS), proxied: await load(proxied, ROUND_CONNECTIONS, ROUND_SECONDS) });
  }
  proxy.process.stdin.write('heap\n');
  const heapBefore = Number((await proxy.next()).heapBytes);
  const soak = await load(proxied, SOAK_CONNECTIONS, SOAK_SECONDS);
  proxy.process.stdin.write('heap\n');
  const heapAfter = Number((await proxy.next()).heapBytes);

  const of = (pick: (r: { direct: autocannon.Result; proxied: autocannon.Result }) => number) => spread(rounds.map(pick));
  const figures = {
    rounds: ROUNDS,
    roundSeconds: ROUND_SECONDS,
    connections: ROUND_CONNECTIONS,
    directP50Ms: of((r) => r.direct.latency.p50),
    proxiedP50Ms: of((r) => r.proxied.latency.p50),
    addedP50Ms: of((r) => r.proxied.latency.p50 - r.direct.latency.p50),
    directP99Ms: of((r) => r.direct.latency.p99),
    proxiedP99Ms: of((r) => r.proxied.latency.p99),
    directRps: of((r) => r.direct.requests.average),
    proxiedRps: of((r) => r.proxied.requests.average),
    errors: rounds.reduce((sum, r) => sum + r.direct.errors + r.proxied.errors + r.direct.non2xx + r.proxied.non2xx, 0),
    soak: {
      seconds: SOAK_SECONDS,
      connections: SOAK_CONNECTIONS,
      requests: soak.requests.total,
      rps: soak.requests.average,
      p50Ms: soak.latency.p50,
      p99Ms: soak.latency.p99,
      errors: soak.errors,
      timeouts: soak.timeouts,
      non2xx: soak.non2xx,
      heapBeforeBytes: heapBefore,
      heapAfterBytes: heapAfter,
    },
  };
  const f = (x: { min: number; median: number; max: number }, digits = 2) => `${x.min.toFixed(digits)} / ${x.median.toFixed(digits)} / ${x.max.toFixed(digits)}`;
  console.log(`proxy on loopback, ${ROUNDS} rounds of ${ROUND_SECONDS} s at ${ROUND_CONNECTIONS} connections (min / median / max):`);
  console.log(`  p50 latency: direct ${f(figures.directP50Ms)} ms, through the proxy ${f(figures.proxiedP50Ms)} ms, added ${f(figures.addedP50Ms)} ms`);
  console.log(`  requests/s: direct ${f(figures.directRps, 0)}, through the proxy ${f(figures.proxiedRps, 0)}; errors ${figures.errors}`);
  console.log(`  soak ${SOAK_SECONDS} s at ${SOAK_CONNECTIONS} connections: ${soak.requests.total} reads, ${soak.errors} errors, ${soak.timeouts} timeouts, ${soak.non2xx} non-2xx; proxy heap ${(heapBefore / 1e6).toFixed(1)} → ${(heapAfter / 1e6).toFixed(1)} MB`);
  writeResult('proxy', figures);
} finally {
  proxy.process.stdin.write('exit\n');
  simulator.process.stdin.write('exit\n');
}
