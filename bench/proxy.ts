/**
 * The proxy on loopback with autocannon: result reads straight from the simulator against the
 * same reads through the proxy's Node adapter and through a bare `node:http` relay (the floor for
 * any Node proxy), alternating, 3 rounds in the same run. autocannon counts whole milliseconds and,
 * on 2 cores shared by the load generator and the servers, measures CPU queueing as much as the
 * proxy; so each round also times sequential reads (one at a time, `performance.now()`) for the
 * proxy's own added latency. Then 30 s at 100 connections through the proxy: errors, and the
 * proxy's heap before and after (after a GC).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { spread } from './chromium';
import { writeResult } from './writeResult';

const ROUNDS = 3;
const ROUND_SECONDS = 10;
const ROUND_CONNECTIONS = 10;
const SOAK_SECONDS = 30;
const SOAK_CONNECTIONS = 100;
const SEQUENTIAL_READS = 1000;
/** Past Node's 5 s server keep-alive timeout. */
const SETTLE_MS = 6000;

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
const relay = start('relay', simulatorUrl);
const relayUrl = String((await relay.next()).url);
const sequentialAgent = new Agent({ keepAlive: true, maxSockets: 1 });

function readOnce(url: string): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const sent = request(url, { agent: sequentialAgent, headers: { authorization: 'Bearer bench-key' } }, (answer) => {
      if (answer.statusCode !== 200) fail(new Error(`${url} answered ${answer.statusCode}.`));
      answer.resume();
      answer.on('end', () => done(performance.now() - started));
    });
    sent.on('error', fail);
    sent.end();
  });
}

/** p50 of one-at-a-time reads of each URL, interleaved so drifting load hits all alike. */
async function sequential(urls: string[]): Promise<number[]> {
  const times = urls.map(() => [] as number[]);
  for (let i = 0; i < SEQUENTIAL_READS; i++) for (const [k, url] of urls.entries()) times[k]!.push(await readOnce(url));
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
}

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
  const relayed = `${relayUrl}/api/wavespeed/predictions/${id}/result`;
  const check = await fetch(proxied);
  if (!check.ok) throw new Error(`The proxy answered ${check.status}.`);

  await load(direct, ROUND_CONNECTIONS, 2); // warm-up, both paths
  await load(proxied, ROUND_CONNECTIONS, 2);
  await load(relayed, ROUND_CONNECTIONS, 2);
  await sequential([direct, proxied, relayed]);
  interface Round {
    direct: autocannon.Result;
    proxied: autocannon.Result;
    relayed: autocannon.Result;
    sequentialP50Ms: { direct: number; proxied: number; relayed: number };
  }
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const directResult = await load(direct, ROUND_CONNECTIONS, ROUND_SECONDS);
    const proxiedResult = await load(proxied, ROUND_CONNECTIONS, ROUND_SECONDS);
    const relayedResult = await load(relayed, ROUND_CONNECTIONS, ROUND_SECONDS);
    const [d, p, r] = await sequential([direct, proxied, relayed]);
    rounds.push({ direct: directResult, proxied: proxiedResult, relayed: relayedResult, sequentialP50Ms: { direct: d!, proxied: p!, relayed: r! } });
  }
  proxy.process.stdin.write('heap\n');
  const heapBefore = Number((await proxy.next()).heapBytes);
  const soak = await load(proxied, SOAK_CONNECTIONS, SOAK_SECONDS);
  proxy.process.stdin.write('heap\n');
  const heapAfter = Number((await proxy.next()).heapBytes);
  // Again once idle kept-alive sockets (to the callers and upstream) have timed out: what stays is what leaked.
  await new Promise((done) => setTimeout(done, SETTLE_MS));
  proxy.process.stdin.write('heap\n');
  const heapSettled = Number((await proxy.next()).heapBytes);

  const of = (pick: (r: Round) => number) => spread(rounds.map(pick));
  const round3 = (x: { min: number; median: number; max: number }) => ({ min: +x.min.toFixed(3), median: +x.median.toFixed(3), max: +x.max.toFixed(3) });
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
    /** The bare node:http relay under the same load: what any Node proxy costs here. */
    relayP50Ms: of((r) => r.relayed.latency.p50),
    relayRps: of((r) => r.relayed.requests.average),
    addedOverRelayP50Ms: of((r) => r.proxied.latency.p50 - r.relayed.latency.p50),
    /** One read at a time (no queueing), sub-millisecond: the proxy's own added latency. */
    sequential: {
      readsPerRound: SEQUENTIAL_READS,
      directP50Ms: round3(of((r) => r.sequentialP50Ms.direct)),
      proxiedP50Ms: round3(of((r) => r.sequentialP50Ms.proxied)),
      relayP50Ms: round3(of((r) => r.sequentialP50Ms.relayed)),
      addedP50Ms: round3(of((r) => r.sequentialP50Ms.proxied - r.sequentialP50Ms.direct)),
      addedOverRelayP50Ms: round3(of((r) => r.sequentialP50Ms.proxied - r.sequentialP50Ms.relayed)),
    },
    errors: rounds.reduce((sum, r) => sum + r.direct.errors + r.proxied.errors + r.relayed.errors + r.direct.non2xx + r.proxied.non2xx + r.relayed.non2xx, 0),
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
      heapSettledBytes: heapSettled,
    },
  };
  const f = (x: { min: number; median: number; max: number }, digits = 2) => `${x.min.toFixed(digits)} / ${x.median.toFixed(digits)} / ${x.max.toFixed(digits)}`;
  console.log(`proxy on loopback, ${ROUNDS} rounds of ${ROUND_SECONDS} s at ${ROUND_CONNECTIONS} connections (min / median / max):`);
  console.log(`  p50 latency: direct ${f(figures.directP50Ms)} ms, through the proxy ${f(figures.proxiedP50Ms)} ms, added ${f(figures.addedP50Ms)} ms`);
  console.log(`  requests/s: direct ${f(figures.directRps, 0)}, through the proxy ${f(figures.proxiedRps, 0)}; errors ${figures.errors}`);
  console.log(`  bare node:http relay: p50 ${f(figures.relayP50Ms)} ms, ${f(figures.relayRps, 0)} requests/s; proxy over relay p50 ${f(figures.addedOverRelayP50Ms)} ms`);
  const q = figures.sequential;
  console.log(`  one read at a time, p50: direct ${f(q.directP50Ms, 3)} ms, proxy ${f(q.proxiedP50Ms, 3)} ms, relay ${f(q.relayP50Ms, 3)} ms; proxy added ${f(q.addedP50Ms, 3)} ms (${f(q.addedOverRelayP50Ms, 3)} over the relay)`);
  console.log(`  soak ${SOAK_SECONDS} s at ${SOAK_CONNECTIONS} connections: ${soak.requests.total} reads, ${soak.errors} errors, ${soak.timeouts} timeouts, ${soak.non2xx} non-2xx; proxy heap ${(heapBefore / 1e6).toFixed(1)} → ${(heapAfter / 1e6).toFixed(1)} MB, ${(heapSettled / 1e6).toFixed(1)} MB ${SETTLE_MS / 1000} s later`);
  writeResult('proxy', figures);
} finally {
  sequentialAgent.destroy();
  proxy.process.stdin.write('exit\n');
  relay.process.stdin.write('exit\n');
  simulator.process.stdin.write('exit\n');
}
