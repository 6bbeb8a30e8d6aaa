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
/** Everything the browser sent or received, as text, for the key check. */
const traffic: string[] = [];

beforeAll(async () => {
  [landscape, portrait] = await Promise.all([makeJpeg(1600, 1000), makeJpeg(900, 1400)]);
  simulator = await startSimulatorServer({ apiKey: SERVER_KEY, timing: { queueMs: 300, processingMs: 1500 } });
  playground = await startPlayground({ WAVESPEED_API_KEY: SERVER_KEY, WAVESPEED_BASE_URL: simulator.url });
  browser = await chromium.launch(systemChromium);
}, 120_000);

afterAll(async () => {
  await browser?.close();
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
    traffic.push(`< ${response.status()} ${response.url()}\n${JSON.stringify(await response.allHeaders())}\n${body}`);
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

  it('resumes watching the same job after a reload mid-job, without a second task', async () => {
    simulator.simulator.setTiming({ queueMs: 0, processingMs: 9000 });
    const page = await openPage();
    await choose(page, 'landscape');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('Waves roll in');
    await page.getByRole('button', { name: 'Generate video' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Queued|Generating video/);
    expect(simulator.simulator.taskCount).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Queued|Generating video/);
    await videoPlays(page);
    expect(simulator.simulator.taskCount).toBe(1);
    await page.context().close();
  });

  it('never lets the server key reach the browser, while the upstream did receive it', () => {
    expect(traffic.length).toBeGreaterThan(20);
    const leaks = traffic.filter((entry) => entry.includes(SERVER_KEY));
    expect(leaks).toEqual([]);
  });
});
