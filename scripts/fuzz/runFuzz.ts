import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as ServerEntry from '../../src/server/index';
import { caseSeed, createRandom } from './createRandom';
import { CATEGORIES, generateCase, serializeCase, type CaseContext, type Category, type FuzzCase } from './generateCase';
import { rawExchange, type RawAnswer } from './rawExchange';
import { startCheckingUpstream, type CheckingUpstream } from './startCheckingUpstream';

export type Configuration = 'open' | 'guarded';

/** The proxy under test: the built package (`dist/server.js`) or its source. */
export type ProxyModule = Pick<typeof ServerEntry, 'createImageToVideoHandler' | 'toNodeHandler' | 'createRateLimiter'>;

export interface FuzzOptions {
  proxy: ProxyModule;
  seed: number;
  /** Cases in all, split evenly between the two configurations. */
  cases: number;
  /** Failures to collect before stopping. Default 10. */
  maxFailures?: number;
  /** Largest heap growth (after gc) between the warm-up and the end. Default 16 MiB. */
  maxHeapGrowthBytes?: number;
  /** Progress lines. Default none. */
  log?: (line: string) => void;
}

export interface FuzzFailure {
  seed: number;
  configuration: Configuration;
  index: number;
  category: Category | 'heap' | 'rate limit' | 'crash';
  what: string;
  problem: string;
  /** The request's first bytes, to replay by hand. */
  request?: string;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  failures: FuzzFailure[];
  casesPerCategory: Record<Category, number>;
  /** How many answers had each status. */
  statuses: Record<string, number>;
  /** Requests that reached the checking upstream. */
  forwarded: number;
  durationMs: number;
  casesPerSecond: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
}

const API_KEY = 'fuzz-secret-key-7f3a9c0b1e';
const CANARY = 'fuzzcanary';
const IDENTITY_HEADER = 'x-fuzz-user';
const BASE_PATH = '/api/wavespeed';
const RATE = { limit: 3, windowMs: 60_000 };
const LIMITS = { maxUploadBytes: 20 * 1024 * 1024, maxPromptLength: 2000 };
const UPSTREAM_TIMEOUT_MS = 1500;
/**
 * Uploads move at the pace upstream takes them (the proxy holds none back), so refusing a chunked
 * 21 MiB upload at its 20 MiB mark waits for upstream to take 20 MiB: more than 1.5 s on a loaded
 * machine, where a 504 would then race the 413.
 */
const UPLOAD_TIMEOUT_MS = 5000;
/** Virtual time per case, for the rate limiter's clock. */
const TICK_MS = 1000;

/** gc, whether or not Node was started with --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Runs a seeded fuzz campaign over raw sockets against the proxy on `node:http`, with a checking
 * upstream, in two configurations: open (no `authorize`), and guarded (`authorize` naming clients,
 * a rate limit). Every invariant broken is a failure carrying the seed and the case number.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { proxy, seed } = options;
  const maxFailures = options.maxFailures ?? 10;
  const log = options.log ?? (() => undefined);
  const gc = collector();
  const failures: FuzzFailure[] = [];
  const casesPerCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const statuses: Record<string, number> = {};
  let forwarded = 0;

  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const upstream = await startCheckingUpstream({ apiKey: API_KEY, canary: CANARY, ...LIMITS, slowMs: UPSTREAM_TIMEOUT_MS + 500, slowUploadMs: UPLOAD_TIMEOUT_MS + 500 });
  const perConfiguration = Math.ceil(options.cases / 2);
  let heapBefore = 0;
  let rssBefore = 0;
  const started = performance.now();
  let done = 0;
  try {
    for (const configuration of ['open', 'guarded'] as const) {
      let clock = Date.now();
      const proxyErrors: string[] = [];
      let handled = 0;
      const handler = proxy.createImageToVideoHandler({
        apiKey: API_KEY,
        baseUrl: `http://127.0.0.1:${upstream.port}`,
        basePath: BASE_PATH,
        timeoutMs: UPSTREAM_TIMEOUT_MS,
        uploadTimeoutMs: UPLOAD_TIMEOUT_MS,
        onError: (event) => {
          if (event.outcome === 'proxy-failed' || event.outcome === 'authorize-threw') proxyErrors.push(`${event.operation}: ${event.outcome} ${String(event.error)}`);
        },
        ...(configuration === 'guarded'
          ? {
              authorize: (request: Request) => {
                const user = request.headers.get(IDENTITY_HEADER);
                if (user === null) return false;
                if (user === 'deny') return new Response(JSON.stringify({ code: 401, message: 'Sign in first.' }), { status: 401, headers: { 'content-type': 'application/json' } });
                return user === 'anon' ? true : { clientId: user };
              },
              rateLimit: proxy.createRateLimiter({ ...RATE, operations: ['submit', 'upload'], now: () => clock }),
            }
          : {}),
      });
      const nodeHandler = proxy.toNodeHandler(handler, { onError: (error) => proxyErrors.push(`adapter: ${String(error)}`) });
      const server: Server = createServer((req, res) => {
        handled++;
        nodeHandler(req, res);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;

      const context: CaseContext = {
        basePath: BASE_PATH,
        canary: CANARY,
        users: configuration === 'guarded' ? ['alice', 'bob', 'carol', 'anon', 'deny', 'alice'] : ['alice'],
        knownIds: [],
        usedKeys: [],
      };
      const owners = new Map<string, string>();
      const replays = new Map<string, { body: string; id: string }>();
      const admittedAt = new Map<string, number[]>();
      const warmup = Math.min(300, Math.floor(perConfiguration / 10));

      for (let index = 0; index < perConfiguration && failures.length < maxFailures; index++) {
        if (configuration === 'open' && index === warmup) {
          gc();
          heapBefore = process.memoryUsage().heapUsed;
          rssBefore = process.memoryUsage().rss;
        }
        clock += TICK_MS;
        const globalIndex = (configuration === 'open' ? 0 : perConfiguration) + index;
        const random = createRandom(caseSeed(seed, globalIndex));
        const category = CATEGORIES[globalIndex % CATEGORIES.length]!;
        const fuzzCase = generateCase(random, context, category);
        if (configuration === 'open') fuzzCase.user = undefined;
        casesPerCategory[category]++;
        const wire = serializeCase(fuzzCase, configuration === 'guarded' ? IDENTITY_HEADER : undefined);
        const fail = (problem: string) =>
          failures.push({ seed, configuration, index: globalIndex, category, what: fuzzCase.what, problem, request: wire.subarray(0, 600).toString('latin1') });

        upstream.beginCase(fuzzCase.fault);
        proxyErrors.length = 0;
        handled = 0;
        const answers = await Promise.all(
          Array.from({ length: fuzzCase.copies }, () => rawExchange(port, wire, 15_000, fuzzCase.method === 'HEAD')),
        );
        // Let an upstream request the proxy abandoned settle before the next case resets the record.
        await new Promise((resolve) => setImmediate(resolve));
        forwarded += upstream.received.length;

        const identified = configuration === 'guarded' && fuzzCase.user !== undefined && !['anon', 'deny'].includes(fuzzCase.user);
        const scope = identified ? fuzzCase.user! : 'address';
        for (const answer of answers) {
          statuses[answer.status ?? 'none'] = (statuses[answer.status ?? 'none'] ?? 0) + 1;
          checkAnswer(answer, fuzzCase, upstream, handled > 0, fail);
        }
        for (const violation of upstream.violations) fail(`upstream contract: ${violation}`);
        for (const error of proxyErrors) fail(`the proxy failed internally: ${error}`);
        for (const error of crashes.splice(0)) fail(`crash: ${String(error)}`);
        const first = answers[0]!;
        const okStatus = first.status !== undefined && first.status >= 200 && first.status < 300;

        const authorized = configuration === 'open' || (fuzzCase.user !== undefined && fuzzCase.user !== 'deny');
        if (configuration === 'guarded') {
          if (!authorized && upstream.received.length > 0) fail('an unauthorized request reached upstream');
          if (!authorized && first.status !== undefined && handled > 0 && ![400, 401, 403, 404, 405, 413, 415].includes(first.status)) {
            fail(`an unauthorized request answered ${first.status}`);
          }
        }
        // Task ownership: another client's task reads as no task.
        for (const record of upstream.received) {
          if (record.operation === 'result' && identified) {
            const owner = owners.get(record.predictionId!);
            if (owner !== undefined && owner !== scope) fail(`${scope} read ${owner}'s task ${record.predictionId} upstream`);
          }
        }
        if (fuzzCase.method === 'GET' && identified && first.status !== undefined && okStatus) {
          const id = /\/predictions\/([^/?#]+)\/result/.exec(fuzzCase.target)?.[1];
          const owner = id ? owners.get(id) : undefined;
          if (owner !== undefined && owner !== scope) fail(`${scope} was answered ${first.status} for ${owner}'s task`);
        }
        // Per-client limits: nothing past the limit reaches upstream within a window (a fixed window
        // allows at most twice the limit across any window-long span).
        for (const record of upstream.received) {
          if (configuration !== 'guarded' || record.operation === 'result') continue;
          // Each operation is counted on its own.
          const counter = `${scope} ${record.operation}`;
          const times = admittedAt.get(counter) ?? [];
          times.push(clock);
          admittedAt.set(counter, times);
          const inSpan = times.filter((t) => t > clock - RATE.windowMs).length;
          if (inSpan > 2 * RATE.limit) fail(`${scope} got ${inSpan} ${record.operation} requests upstream within ${RATE.windowMs} ms (limit ${RATE.limit})`);
        }
        // Idempotency: a replay never reaches upstream again and answers the first task.
        if (fuzzCase.idempotency && authorized) {
          const slot = `${scope}\n${fuzzCase.idempotency.key}`;
          const previous = replays.get(slot);
          const submits = upstream.received.filter((r) => r.operation === 'submit');
          if (previous && submits.length > 0) fail(`key ${fuzzCase.idempotency.key} reached upstream again after task ${previous.id}`);
          if (submits.length > 1) fail(`${submits.length} concurrent requests with one key all reached upstream`);
          for (const answer of answers) {
            if (previous && previous.body === fuzzCase.idempotency.fingerprint && answer.status !== undefined && answer.status < 300) {
              const id = dataId(answer);
              if (id !== previous.id) fail(`a replay answered task ${id}, not the first task ${previous.id}`);
            }
            if (previous && previous.body !== fuzzCase.idempotency.fingerprint && answer.status !== 422 && answer.status !== 429) {
              fail(`a reused key with another body answered ${answer.status}`);
            }
          }
          const created = answers.map(dataId).find((id) => id !== undefined);
          if (!previous && created !== undefined && submits.length === 1) replays.set(slot, { body: fuzzCase.idempotency.fingerprint, id: created });
          if (!context.usedKeys.some((k) => k.key === fuzzCase.idempotency!.key && k.user === fuzzCase.user)) {
            context.usedKeys.push({ user: fuzzCase.user, key: fuzzCase.idempotency.key, body: fuzzCase.idempotency.fingerprint });
          }
        }
        // Over-refusal: a valid request, a healthy upstream, nobody in the way: it is served.
        if (configuration === 'open' && fuzzCase.valid && fuzzCase.fault === 'ok' && fuzzCase.copies === 1 && !okStatus) {
          fail(`a valid request was answered ${first.status ?? first.failure} ${first.body.toString('utf8').slice(0, 200)}`);
        }
        for (const record of upstream.received) {
          if (record.operation === 'submit' && record.createdId && fuzzCase.fault === 'ok') {
            context.knownIds.push(record.createdId);
            if (identified) owners.set(record.createdId, scope);
          }
        }
        if (context.knownIds.length > 200) context.knownIds.splice(0, 100);
        if (context.usedKeys.length > 200) context.usedKeys.splice(0, 100);
        done++;
        if (done % 1000 === 0) log(`${done} cases, ${failures.length} failures, ${Math.round(done / ((performance.now() - started) / 1000))} cases/s`);
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    await upstream.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  const durationMs = performance.now() - started;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const rssAfter = process.memoryUsage().rss;
  const maxGrowth = options.maxHeapGrowthBytes ?? 16 * 1024 * 1024;
  if (heapBefore > 0 && heapAfter - heapBefore > maxGrowth) {
    failures.push({ seed, configuration: 'guarded', index: done, category: 'heap', what: 'heap after gc', problem: `heap grew ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB (limit ${maxGrowth / 2 ** 20} MiB)` });
  }
  return {
    seed,
    cases: done,
    failures,
    casesPerCategory,
    statuses,
    forwarded,
    durationMs,
    casesPerSecond: done / (durationMs / 1000),
    heapBeforeBytes: heapBefore,
    heapAfterBytes: heapAfter,
    rssBeforeBytes: rssBefore,
    rssAfterBytes: rssAfter,
  };
}

function dataId(answer: RawAnswer): string | undefined {
  try {
    const id = (JSON.parse(answer.body.toString('utf8')) as { data?: { id?: unknown } }).data?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The invariants every single answer keeps. */
function checkAnswer(answer: RawAnswer, fuzzCase: FuzzCase, upstream: CheckingUpstream, reachedProxy: boolean, fail: (problem: string) => void): void {
  if (answer.raw.includes(API_KEY)) fail('the API key appeared in an answer');
  if (answer.status === undefined) {
    fail(`no answer: ${answer.failure}`);
    return;
  }
  if (fuzzCase.brokenFraming && answer.status === 400 && answer.headers['content-type'] === undefined && answer.body.length === 0) {
    // Node's own parser tore the connection down mid-body (a body not framed as declared): a bare
    // 400 from the host's server, which no handler can shape.
    return;
  }
  if (!reachedProxy) {
    // Node's own parser refused the request before the proxy saw it (a length past 2^53, a
    // malformed header): a bare 4xx from the host's server, not the proxy's to shape.
    if (![400, 413, 431].includes(answer.status)) fail(`Node answered ${answer.status} without the proxy`);
    return;
  }
  const upstreamCaused = upstream.received.length > 0 && upstream.fault !== 'ok';
  if (answer.status >= 500 && !upstreamCaused) fail(`${answer.status} that upstream did not cause: ${answer.body.toString('utf8').slice(0, 200)}`);
  if (answer.status >= 400) {
    if (!/^application\/json\b/.test(answer.headers['content-type'] ?? '')) fail(`a ${answer.status} refusal without a JSON content type`);
    if (fuzzCase.method !== 'HEAD') {
      try {
        const body = JSON.parse(answer.body.toString('utf8')) as { message?: unknown };
        if (typeof body.message !== 'string' || body.message === '') fail(`a ${answer.status} refusal without a message`);
      } catch {
        fail(`a ${answer.status} refusal whose body is not JSON: ${answer.body.toString('utf8').slice(0, 100)}`);
      }
    }
  } else if (answer.status >= 200 && answer.status < 300) {
    if (upstream.received.length === 0 && answer.headers['idempotent-replayed'] !== 'true') fail(`${answer.status} without anything reaching upstream`);
    if (upstream.fault !== 'ok' && upstream.fault !== 'echoKey' && upstream.received.length > 0 && answer.headers['idempotent-replayed'] !== 'true') {
      fail(`${answer.status} from a faulty upstream (${upstream.fault})`);
    }
  } else {
    fail(`unexpected status ${answer.status}`);
  }
}
