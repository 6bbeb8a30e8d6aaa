import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/startSimulatorServer';
import { makeJpeg, startPlayground, type RunningPlayground } from './startPlayground';
import { systemChromium } from '../systemChromium';

/**
 * `npm start` in Chromium, in its keyed mode: the playground's proxy holds a (fake) WaveSpeed key
 * and talks to a simulator server, so there is a real secret that must never reach the browser.
 */
const SERVER_KEY = `fake-server-key-${crypto.randomUUID()}`;

let simulator: SimulatorServer;
let playground: RunningPlayground;
let browser: Browser;
let landscape: Buffer;
let portrait: Buffer;
/** Another origin serving image URLs, with and without CORS. */
let images: Server;
let imagesUrl: string;
// A 1×1 PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** Everything the browser sent or received, as text, for the key check. */
const traffic: string[] = [];

beforeAll(async () => {
  [landscape, portrait] = await Promise.all([makeJpeg(1600, 1000), makeJpeg(900, 1400)]);
  simulator = await startSimulatorServer({ apiKey: SERVER_KEY, timing: { queueMs: 300, processingMs: 1500 } });
  playground = await startPlayground({ WAVESPEED_API_KEY: SERVER_KEY, WAVESPEED_BASE_URL: simulator.url });
  browser = await chromium.launch(systemChromium);
  images = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = path.endsWith('.txt') ? Buffer.from('not an image') : path.includes('pixel') ? PIXEL : landscape;
    res.setHeader('content-type', path.endsWith('.txt') ? 'text/plain' : path.includes('pixel') ? 'image/png' : 'image/jpeg');
    if (path.startsWith('/cors/')) res.setHeader('access-control-allow-origin', '*');
    res.end(body);
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imagesUrl = `http://127.0.0.1:${(images.address() as { port: number }).port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (images ? images.close(resolve) : resolve(undefined)));
  await playground?.stop();
  await simulator?.close();
});

beforeEach(() => {
  simulator.simulator.reset();
  simulator.simulator.setTiming({ queueMs: 300, processingMs: 1500 });
});

async function openPage(): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('request', (request) => {
    traffic.push(`> ${request.method()} ${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`);
  });
  page.on('response', async (response) => {
    let body = '';
    const type = response.headers()['content-type'] ?? '';
    if (!type.startsWith('video/') && !type.startsWith('image/')) body = await response.text().catch(() => '');
    // A response can still arrive while a finished test closes its page: its headers are then gone.
    const headers = await response.allHeaders().catch(() => ({}));
    traffic.push(`< ${response.status()} ${response.url()}\n${JSON.stringify(headers)}\n${body}`);
  });
  await page.goto(playground.url);
  await expect.poll(() => page.getByText(/Live mode/).count()).toBe(1);
  return page;
}

async function choose(page: Page, orientation: 'landscape' | 'portrait') {
  if (orientation === 'portrait') await page.getByRole('radio', { name: /Portrait/ }).check();
  await page.getByLabel('Choose image').setInputFiles({ name: `${orientation}.jpg`, mimeType: 'image/jpeg', buffer: orientation === 'portrait' ? portrait : landscape });
  await page.getByRole('img', { name: /framed as it will be sent/ }).waitFor();
}

/** Waits until the page's video has decoded data, and returns what it plays. */
async function videoPlays(page: Page) {
  const video = page.getByLabel('Generated video');
  await video.waitFor({ timeout: 60_000 });
  await expect
    .poll(() => video.evaluate((element) => (element as HTMLVideoElement).readyState), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
  return video.evaluate((element) => {
    const v = element as HTMLVideoElement;
    return { width: v.videoWidth, height: v.videoHeight, src: v.currentSrc };
  });
}

describe('the playground in Chromium', () => {
  it('goes from choosing an image to a playing video', async () => {
    const page = await openPage();
    await choose(page, 'portrait');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A gentle breeze moves the grass');
    await page.getByRole('radio', { name: '10 s' }).check();
    await page.getByRole('button', { name: 'Generate video' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Queued|Generating video|ready/);
    const video = await videoPlays(page);
    expect(video.width).toBeGreaterThan(0);
    expect(new URL(video.src).origin).toBe(simulator.url);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Your video is ready.');

    const submits = simulator.simulator.requests.filter((r) => r.operation === 'submit');
    expect(submits).toHaveLength(1);
    expect(JSON.parse(submits[0]!.body!)).toMatchObject({ size: '720*1280', duration: 10, prompt: 'A gentle breeze moves the grass' });
    // The uploaded image was framed to portrait before it left the browser.
    const upload = simulator.simulator.requests.find((r) => r.operation === 'upload')!;
    expect(upload.form?.file?.type).toBe('image/jpeg');
    // There is a key to leak: every upstream call carried it (the last test checks the browser never saw it).
    const api = simulator.simulator.requests.filter((r) => r.operation === 'submit' || r.operation === 'result' || r.operation === 'upload');
    expect(api.map((r) => r.headers.authorization)).toEqual(api.map(() => `Bearer ${SERVER_KEY}`));
    await page.context().close();
  });

  it('shows a failed task with its reason, and a retry makes the video', async () => {
    simulator.simulator.inject({ kind: 'fail-task', code: 5003, error: 'Service temporarily unavailable' });
    const page = await openPage();
    await choose(page, 'landscape');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('Clouds drift by');
    await page.getByRole('button', { name: 'Generate video' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /temporarily unavailable/ });
    await alert.waitFor({ timeout: 60_000 });
    await alert.getByRole('button', { name: 'Try again' }).click();
    await videoPlays(page);
    expect(simulator.simulator.taskCount).toBe(2);
    expect(simulator.simulator.requests.filter((r) => r.operation === 'upload')).toHaveLength(1);
    await page.context().close();
  });

  it('resumes watching the same job after a reload mid-job, without a second task, with its input in the form', async () => {
    simulator.simulator.setTiming({ queueMs: 0, processingMs: 9000 });
    const page = await openPage();
    await choose(page, 'portrait');
    await page.getByRole('radio', { name: '10 s' }).check();
    await page.getByRole('textbox', { name: 'Prompt' }).fill('Waves roll in');
    await page.getByRole('button', { name: 'Generate video' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Queued|Generating video/);
    expect(simulator.simulator.taskCount).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Queued|Generating video/);
    // The form shows what the resumed job is making.
    await expect.poll(() => page.getByRole('textbox', { name: 'Prompt' }).inputValue()).toBe('Waves roll in');
    expect(await page.getByRole('radio', { name: /Portrait/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '10 s' }).isChecked()).toBe(true);
    await page.getByRole('img', { name: /^Chosen image/ }).waitFor({ timeout: 30_000 });
    await videoPlays(page);
    expect(simulator.simulator.taskCount).toBe(1);
    await page.context().close();
  });

  it('gives each later job its own video after an expired one and after a refreshed one', async () => {
    const page = await openPage();
    await choose(page, 'landscape');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A kite climbs');
    const generate = () => page.getByRole('button', { name: 'Generate video' }).click();
    const download = () => page.getByRole('link', { name: 'Download video' }).getAttribute('href');

    // Job 1: its video and the refreshed one both answer 404: "expired".
    simulator.simulator.inject({ kind: 'status', status: 404, count: 2, operations: ['output'] });
    await generate();
    await page.getByText('This video has expired and is no longer available.').waitFor({ timeout: 60_000 });
    // Job 2 on the same page requests and plays its own video.
    await generate();
    const second = await videoPlays(page);
    expect(await download()).toBe(second.src);

    // Job 3: the first load fails, the refetch brings it back.
    simulator.simulator.inject({ kind: 'status', status: 404, count: 1, operations: ['output'] });
    await generate();
    await expect.poll(async () => (await videoPlays(page)).src, { timeout: 60_000 }).not.toBe(second.src);
    const third = await videoPlays(page);
    // Job 4 plays, and offers, its own video, not job 3's.
    await generate();
    await expect.poll(async () => (await videoPlays(page)).src, { timeout: 60_000 }).not.toBe(third.src);
    const fourth = await videoPlays(page);
    expect(await download()).toBe(fourth.src);
    expect(simulator.simulator.taskCount).toBe(4);
    await page.context().close();
  });

  it('loads an image URL before it counts: refuses what a file would be refused for, frames it where CORS allows', async () => {
    const page = await openPage();
    const url = page.getByRole('textbox', { name: 'Image URL' });
    await page.getByRole('textbox', { name: 'Prompt' }).fill('Light moves');
    const useUrl = async (address: string) => {
      await url.fill(address);
      await url.press('Enter');
    };

    await useUrl(`${imagesUrl}/cors/notes.txt`);
    await page.getByRole('alert').filter({ hasText: 'not an image' }).waitFor();
    await useUrl(`${imagesUrl}/cors/pixel.png`);
    await page.getByRole('alert').filter({ hasText: 'too small' }).waitFor();
    // The button says why it will not start (aria-disabled); pressing it anyway starts nothing.
    await page.getByRole('button', { name: 'Generate video' }).click({ force: true });
    expect(simulator.simulator.taskCount).toBe(0);

    // Readable: framed to the chosen size and uploaded like a file.
    await useUrl(`${imagesUrl}/cors/photo.jpg`);
    const framed = page.getByRole('img', { name: /framed as it will be sent/ });
    await framed.waitFor();
    expect(await framed.evaluate((img) => (img as HTMLImageElement).naturalWidth / (img as HTMLImageElement).naturalHeight)).toBeCloseTo(16 / 9, 1);
    await page.getByRole('button', { name: 'Generate video' }).click();
    await videoPlays(page);
    expect(simulator.simulator.requests.filter((r) => r.operation === 'upload')).toHaveLength(1);

    // Not readable (no CORS): the preview says it is sent as it is, and the URL is what is sent.
    const opaque = `${imagesUrl}/opaque/photo.jpg`;
    await useUrl(opaque);
    await page.getByRole('img', { name: 'Chosen image, as it is at its address' }).waitFor();
    expect(await page.getByText(/does not let this page frame it/).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: /framed as it will be sent/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Generate video' }).click();
    await expect.poll(() => simulator.simulator.taskCount, { timeout: 30_000 }).toBe(2);
    const submits = simulator.simulator.requests.filter((r) => r.operation === 'submit');
    expect(JSON.parse(submits[1]!.body!).image).toBe(opaque);
    await page.context().close();
  });

  it('takes an image pasted with focus on the size radios, or with nothing focused after a click in the drop-in', async () => {
    const page = await openPage();
    const paste = (bytes: number[]) =>
      page.evaluate((data) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], 'pasted.jpg', { type: 'image/jpeg' }));
        const target = document.activeElement ?? document.body;
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }, bytes);
    await page.getByRole('radio', { name: /Portrait/ }).focus();
    await paste([...portrait]);
    await page.getByRole('img', { name: /framed as it will be sent/ }).waitFor();

    await page.getByRole('button', { name: 'Remove image' }).click();
    await page.getByText('or drop or paste an image here').click();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await paste([...landscape]);
    await page.getByRole('img', { name: /framed as it will be sent/ }).waitFor();
    await page.context().close();
  });

  it('never lets the server key reach the browser, while the upstream did receive it', () => {
    expect(traffic.length).toBeGreaterThan(20);
    const leaks = traffic.filter((entry) => entry.includes(SERVER_KEY));
    expect(leaks).toEqual([]);
  });
});
