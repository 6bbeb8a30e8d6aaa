import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg, startPlayground, type RunningPlayground } from './startPlayground';
import { systemChromium } from '../systemChromium';

/**
 * `npm start` as it runs by default: the built-in simulator in push mode, its signed webhooks
 * delivered to the proxy's /webhook route. The browser must learn the result from long-polls, not
 * from polling: its status requests are counted.
 */
let playground: RunningPlayground;
let browser: Browser;
let photo: Buffer;

beforeAll(async () => {
  photo = await makeJpeg(1600, 1000);
  // Realistic-looking jobs would take a minute; these take 6–9 s, longer than two polls.
  playground = await startPlayground({ WAVESPEED_API_KEY: '', SIMULATOR_TIMING: 'demo', SIMULATOR_JOB_MS: '7000' });
  browser = await chromium.launch(systemChromium);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

describe('the playground in push mode', () => {
  it('shows the video after one long-poll, with the status still ticking meanwhile', async () => {
    expect(playground.output()).toContain('Push:       on (simulator webhooks)');
    const context = await browser.newContext();
    const page = await context.newPage();
    const statusReads: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/wavespeed/predictions/')) statusReads.push(url.pathname + url.search);
    });
    await page.goto(playground.url);
    await page.getByLabel('Choose image').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('img', { name: /framed as it will be sent/ }).waitFor();
    await page.getByRole('textbox', { name: 'Prompt' }).fill('Leaves sway in the wind');
    await page.getByRole('button', { name: 'Generate video' }).click();

    // The clock beside the status (not in the live region, so it is not read out each second)
    // moves on while one request is held open.
    const status = page.getByRole('status');
    // No role fits a ticking clock; the drop-in names its part (the duration radios also say "5 s").
    const clock = page.locator('[data-i2v-part="status-progress"]');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Queued|Generating video/);
    const shown = async () => Number(/^(\d+) s/.exec((await clock.textContent().catch(() => '')) ?? '')?.[1] ?? Number.NaN);
    await expect.poll(shown, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const first = await shown();
    await expect.poll(shown, { timeout: 5000 }).toBeGreaterThanOrEqual(first + 1);
    expect(statusReads).toHaveLength(1);

    const video = page.getByLabel('Generated video');
    await video.waitFor({ timeout: 60_000 });
    await expect.poll(() => video.evaluate((element) => (element as HTMLVideoElement).readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => status.textContent()).toBe('Your video is ready.');
    expect(statusReads).toHaveLength(1);
    expect(statusReads[0]).toMatch(/\/result\?wait=25$/);
    await context.close();
  });
});
