/**
 * `npm start`: the playground page (Vite in middleware mode), the proxy on /api/wavespeed, and,
 * without WAVESPEED_API_KEY, the simulator in-process on /__simulator rendering real clips.
 *
 *   PORT                 default 5173
 *   WAVESPEED_API_KEY    set: talk to WAVESPEED_BASE_URL (default the real API); unset: simulator
 *   WAVESPEED_BASE_URL   upstream origin when a key is set (for example `npm run simulator`'s URL)
 *   SIMULATOR_TIMING     demo (default) | realistic | instant
 *   SIMULATOR_JOB_MS     every job takes this long instead (tests)
 *   SIMULATOR_WEBHOOK    a webhook fault for every task: none | late | twice | wrong-signature-first
 *   WAVESPEED_WEBHOOK_URL     set (keyed mode): push completion through this public URL of /api/wavespeed/webhook
 *   WAVESPEED_WEBHOOK_SECRET  its whsec_ secret; unset: fetched from upstream
 *   PLAYGROUND_PUSH      off: poll instead (the simulator runs in push mode by default)
 *   REDIS_URL            set: the proxy keeps its state in that Redis (node-redis), so several
 *                        `npm start` processes on one REDIS_URL and one upstream act as one proxy;
 *                        unset: in memory, one process
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { createServer as createViteServer, type Plugin } from 'vite';
import { createImageToVideoHandler } from '../src/server/createImageToVideoHandler';
import type { ProxyStore } from '../src/server/ProxyStore';
import { toNodeHandler } from '../src/server/toNodeHandler';
import { createSimulator, type SimulatorTiming } from '../src/testing/createSimulator';
import type { WebhookFaultMode } from '../src/testing/createWebhookSender';
import { renderVideoWithFfmpeg } from './renderVideoWithFfmpeg';

const port = Number(process.env.PORT ?? 5173);
// An empty value counts as unset, so a test (or a shell) can blank an inherited key.
const apiKey = process.env.WAVESPEED_API_KEY || undefined;
const useSimulator = !apiKey;
const TIMINGS: readonly SimulatorTiming[] = ['demo', 'realistic', 'instant'];
const jobMs = Number(process.env.SIMULATOR_JOB_MS);
const timing: SimulatorTiming =
  jobMs > 500 ? { queueMs: 500, processingMs: jobMs - 500 } : (TIMINGS.find((name) => name === process.env.SIMULATOR_TIMING) ?? 'demo');
const root = fileURLToPath(new URL('.', import.meta.url));
// The page imports the package by its public names, served from source.
const packageAliases = [
  { find: /^react-image-to-video$/, replacement: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
  { find: /^react-image-to-video\/styles\.css$/, replacement: fileURLToPath(new URL('../src/styles.css', import.meta.url)) },
];

// The in-process simulator needs a key like any upstream; this one never leaves the process.
const simulatorKey = `playground-${crypto.randomUUID()}`;
const simulatorBase = `http://localhost:${port}/__simulator`;
const WEBHOOK_FAULTS: readonly WebhookFaultMode[] = ['none', 'late', 'twice', 'wrong-signature-first'];
const webhookFault = WEBHOOK_FAULTS.find((mode) => mode === process.env.SIMULATOR_WEBHOOK);
const simulator = useSimulator
  ? createSimulator({
      apiKey: simulatorKey,
      basePath: '/__simulator',
      timing,
      renderVideo: renderVideoWithFfmpeg,
      // Webhooks go straight to the proxy in-process, as WaveSpeed's would reach its public URL.
      postWebhook: (input, init) => handler(new Request(input, init)),
      faults: webhookFault ? [{ kind: 'webhook', mode: webhookFault, count: Infinity }] : [],
    })
  : undefined;

const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? await connectRedisStore(redisUrl) : undefined;
const store = redis?.store;

/** The Redis store on a node-redis client, loaded only when REDIS_URL asks for it. */
async function connectRedisStore(url: string): Promise<{ store: ProxyStore; close(): void }> {
  const [{ createClient }, { createRedisStore }] = await Promise.all([import('redis'), import('../src/server/redis/createRedisStore')]);
  const client = createClient({ url });
  // Without a listener a dropped connection would crash the process; the proxy answers 503 meanwhile.
  client.on('error', (error: Error) => console.warn(`[redis] ${error.message}`));
  await client.connect();
  const redisStore = createRedisStore(client, { onError: (error) => console.warn(`[redis] subscriber: ${String(error)}`) });
  return {
    store: redisStore,
    // An open connection would keep the process alive after Ctrl-C.
    close: () => void redisStore.close().finally(() => client.destroy()),
  };
}

// Push by default on the simulator; in keyed mode when WAVESPEED_WEBHOOK_URL is set (the handler reads the env).
const push = process.env.PLAYGROUND_PUSH !== 'off';
const webhook = !push
  ? { url: '' }
  : simulator
    ? { url: `http://localhost:${port}/api/wavespeed/webhook`, secret: simulator.webhookSecret }
    : undefined;

const handler = createImageToVideoHandler({
  store,
  apiKey: apiKey ?? simulatorKey,
  baseUrl: simulator ? simulatorBase : process.env.WAVESPEED_BASE_URL,
  // The simulator answers in-process; its media and outputs are still served over HTTP below.
  fetch: simulator?.fetch,
  webhook,
  onError: (event) =>
    console.warn(`[proxy] ${event.operation}: ${event.outcome === 'store-unavailable' ? 'state store unavailable' : `upstream ${String(event.outcome)}`}`),
});
const proxy = toNodeHandler(handler);
const pushLabel = !push ? 'off' : simulator ? 'on (simulator webhooks)' : process.env.WAVESPEED_WEBHOOK_URL ? `on (${process.env.WAVESPEED_WEBHOOK_URL})` : 'off (no WAVESPEED_WEBHOOK_URL)';
const simulatorRoutes = simulator ? toNodeHandler(simulator.handler) : undefined;

const upstreamLabel = simulator ? `the built-in simulator (${typeof timing === 'string' ? timing : `${jobMs} ms`} timing)` : (process.env.WAVESPEED_BASE_URL ?? 'https://api.wavespeed.ai');

/** Tells the page which upstream it is talking to. */
const announceUpstream: Plugin = {
  name: 'playground-upstream',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { name: 'i2v-upstream', content: simulator ? 'simulator' : 'wavespeed' }, injectTo: 'head' },
    { tag: 'meta', attrs: { name: 'i2v-upstream-label', content: upstreamLabel }, injectTo: 'head' },
  ],
};

const server = createServer((req, res) => {
  const path = req.url ?? '/';
  if (path === '/api/wavespeed' || path.startsWith('/api/wavespeed/')) return proxy(req, res);
  if (simulatorRoutes && path.startsWith('/__simulator/')) return simulatorRoutes(req, res);
  vite.middlewares(req, res);
});

const vite = await createViteServer({
  configFile: false,
  root,
  appType: 'spa',
  plugins: [react(), announceUpstream],
  resolve: { alias: packageAliases },
  server: { middlewareMode: true, hmr: { server } },
});

server.listen(port, () => {
  console.log(`Playground: http://localhost:${port}`);
  console.log(`Proxy:      http://localhost:${port}/api/wavespeed -> ${upstreamLabel}`);
  console.log(`Push:       ${pushLabel}`);
  console.log(redisUrl ? `State:      Redis at ${redactUrl(redisUrl)} (shared by every proxy on this REDIS_URL)` : 'State:      in memory (this process only; set REDIS_URL to share it)');
  if (simulator) {
    console.log('No WAVESPEED_API_KEY set: using the simulator, which renders a pan over your own image with ffmpeg.');
    console.log('Set WAVESPEED_API_KEY (and optionally WAVESPEED_BASE_URL) to use a real upstream.');
  }
});

function shutdown() {
  void vite.close();
  server.close();
  server.closeAllConnections();
  redis?.close();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

/** The URL without its password, for the console. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
