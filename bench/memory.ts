/**
 * Memory in Chromium: 100 jobs in a row through the drop-in `<ImageToVideo>` (a new image each
 * time, uploaded, submitted, watched to the video) against the proxy on the instant simulator,
 * all on loopback. JS heap (after a forced GC) and live object URLs at the baseline (after one
 * warm-up job), the peak (sampled after every job, no GC), and after the last job.
 */
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createImageToVideoHandler } from '../src/server/createImageToVideoHandler';
import { toNodeHandler } from '../src/server/toNodeHandler';
import { PREDICTION_GC_TIME_MS } from '../src/engine/predictionGcTimeMs';
import { startSimulatorServer } from '../src/testing/startSimulatorServer';
import { launchChromium } from './chromium';
import { writeResult } from './writeResult';

const JOBS = 100;
const root = resolve(import.meta.dirname, '..');
const app = await build({
  entryPoints: [resolve(root, 'bench/memory/app.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  jsx: 'automatic',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
});
const simulator = await startSimulatorServer({ timing: 'instant' });
const proxy = toNodeHandler(createImageToVideoHandler({ baseUrl: simulator.url, apiKey: 'bench-key' }));
const server = createServer((req, res) => {
  if (req.url?.startsWith('/api/wavespeed/')) return proxy(req, res);
  if (req.url === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(app.outputFiles[0]!.text);
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>memory bench</title><div id="root"></div><script type="module" src="/app.js"></script>');
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // Count object URLs that are alive: created and not yet revoked.
  await page.addInitScript(() => {
    const live = new Set<string>();
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      live.add(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      live.delete(url);
      revoke(url);
    };
    (window as unknown as { i2vLiveUrls: () => number }).i2vLiveUrls = () => live.size;
  });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(origin);
  // Waits through locators, which hold no handle: an ElementHandle from waitForSelector is a
  // DevTools global handle until disposed, and kept every replaced <video> (its controls' shadow
  // DOM, ~9 KB of heap a job) alive in the page.
  await page.locator('form[data-status="idle"]').waitFor();

  const sample = async (gc: boolean) => {
    if (gc) {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
    }
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { liveUrls, queries } = await page.evaluate(() => {
      const w = window as unknown as { i2vLiveUrls: () => number; i2vQueryCount: () => number };
      return { liveUrls: w.i2vLiveUrls(), queries: w.i2vQueryCount() };
    });
    return { heapBytes: usedSize, liveUrls, queries };
  };

  const runJob = async (index: number) => {
    await page.evaluate(async (n) => {
      // A fresh 1600×1200 JPEG each time, chosen through the file input as a user would.
      const canvas = new OffscreenCanvas(1600, 1200);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = `hsl(${(n * 37) % 360} 60% 50%)`;
      ctx.fillRect(0, 0, 1600, 1200);
      ctx.fillStyle = '#fff';
      ctx.fillRect(200 + (n % 10) * 50, 300, 400, 400);
      const file = new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], `photo-${n}.jpg`, { type: 'image/jpeg' });
      const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, index);
    const button = page.getByRole('button', { name: 'Generate video' });
    const enabled = await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('button')].find((e) => e.textContent?.includes('Generate video'));
      return b && b.getAttribute('aria-disabled') !== 'true' && !b.disabled;
    });
    await button.click();
    await enabled.dispose();
    await page.locator('form[data-status="completed"] video').waitFor({ timeout: 30_000 });
  };

  await runJob(0);
  const baseline = await sample(true);
  let peak = baseline;
  const started = performance.now();
  // The heap after a GC every 25 jobs: a leak grows with the job count, a warm-up levels off.
  const trend: { jobs: number; heapBytes: number }[] = [{ jobs: 0, heapBytes: baseline.heapBytes }];
  for (let i = 1; i <= JOBS; i++) {
    await runJob(i);
    const now = await sample(i % 25 === 0);
    // Each column's own peak: the most heap, object URLs and queries seen after any job.
    peak = {
      heapBytes: Math.max(peak.heapBytes, now.heapBytes),
      liveUrls: Math.max(peak.liveUrls, now.liveUrls),
      queries: Math.max(peak.queries, now.queries),
    };
    if (i % 25 === 0) trend.push({ jobs: i, heapBytes: now.heapBytes });
  }
  const seconds = (performance.now() - started) / 1000;
  // Right after the last job the cache still holds the jobs of the last few seconds (their gcTime);
  // "after" is the app once idle past that, as the baseline is the app idle after one job.
  const afterLastJob = await sample(true);
  await new Promise((done) => setTimeout(done, PREDICTION_GC_TIME_MS + 1000));
  const after = await sample(true);
  // Is what stays react-query's cache (finished jobs kept for gcTime, 5 min by default) or a leak?
  await page.evaluate(() => (window as unknown as { i2vClearCache: () => void }).i2vClearCache());
  const cleared = await sample(true);
  const mb = (b: number) => (b / 1e6).toFixed(2);
  console.log(`memory: ${JOBS} jobs through the drop-in in Chromium ${browser.version()} (${seconds.toFixed(0)} s)`);
  console.log(`  JS heap: baseline ${mb(baseline.heapBytes)} MB, peak ${mb(peak.heapBytes)} MB, after ${mb(after.heapBytes)} MB (${after.heapBytes >= baseline.heapBytes ? '+' : ''}${mb(after.heapBytes - baseline.heapBytes)} MB)`);
  console.log(`  JS heap once the app's QueryClient is cleared: ${mb(cleared.heapBytes)} MB (${cleared.heapBytes >= baseline.heapBytes ? '+' : ''}${mb(cleared.heapBytes - baseline.heapBytes)} MB vs baseline)`);
  console.log(`  JS heap after GC by jobs done: ${trend.map((t) => `${t.jobs}: ${mb(t.heapBytes)}`).join(', ')} MB`);
  console.log(`  live object URLs: baseline ${baseline.liveUrls}, peak ${peak.liveUrls}, after ${after.liveUrls}; queries cached: baseline ${baseline.queries}, right after the last job ${afterLastJob.queries}, ${(PREDICTION_GC_TIME_MS + 1000) / 1000} s later ${after.queries}`);
  writeResult('memory', { chromium: browser.version(), jobs: JOBS, seconds, baseline, peak, afterLastJob, after, cleared, trend });
} finally {
  await browser.close();
  await new Promise<void>((done) => server.close(() => done()));
  server.closeAllConnections();
  await simulator.close();
}
