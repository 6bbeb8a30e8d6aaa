import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg, startPlayground, type RunningPlayground } from './startPlayground';
import { systemChromium } from '../systemChromium';

/**
 * The theme's layout in Chromium, measured rather than looked at: side by side or stacked by the
 * root's own width (a container query), and a result frame that holds still from idle to video.
 */
let playground: RunningPlayground;
let browser: Browser;
let landscape: Buffer;
let portrait: Buffer;

beforeAll(async () => {
  [landscape, portrait] = await Promise.all([makeJpeg(1600, 1000), makeJpeg(900, 1400)]);
  // The in-process simulator; each job takes 3 s, long enough to measure the running frame.
  playground = await startPlayground({ WAVESPEED_API_KEY: '', SIMULATOR_JOB_MS: '3000' });
  browser = await chromium.launch(systemChromium);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

type Box = { x: number; y: number; width: number; height: number };

/** The part's border box in page coordinates: clicking scrolls the page, and that is not a jump. */
async function box(page: Page, part: string): Promise<Box> {
  return page
    .locator(`[data-i2v-part="${part}"]`)
    .first()
    .evaluate((element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
    });
}

async function openPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(playground.url);
  await page.locator('[data-i2v-part="stage"]').waitFor({ state: 'attached' });
  return page;
}

async function choose(page: Page, orientation: 'landscape' | 'portrait') {
  if (orientation === 'portrait') await page.getByRole('radio', { name: /Portrait/ }).check();
  await page.getByLabel('Choose image').setInputFiles({ name: `${orientation}.jpg`, mimeType: 'image/jpeg', buffer: orientation === 'portrait' ? portrait : landscape });
  await page.getByRole('img', { name: /framed as it will be sent/ }).waitFor();
  await page.getByRole('textbox', { name: 'Prompt' }).fill('Clouds drift by');
}

describe('the drop-in layout in Chromium', () => {
  it('puts the inputs beside the result in a wide root and stacks them in a narrow one, whatever the viewport', async () => {
    const page = await openPage(1440);
    try {
      const [inputs, result] = [await box(page, 'inputs'), await box(page, 'result')];
      expect(Math.abs(inputs.y - result.y)).toBeLessThan(1);
      expect(result.x).toBeGreaterThanOrEqual(inputs.x + inputs.width);
      // The result, with the video, gets the larger share.
      expect(result.width).toBeGreaterThan(inputs.width);

      // The same 1440 px viewport, the root in a 400 px column: one column, as on a phone.
      await page.locator('main').evaluate((main) => ((main as HTMLElement).style.maxWidth = '400px'));
      const [narrowInputs, narrowResult] = [await box(page, 'inputs'), await box(page, 'result')];
      expect(narrowResult.y).toBeGreaterThanOrEqual(narrowInputs.y + narrowInputs.height);
      expect(Math.abs(narrowResult.width - narrowInputs.width)).toBeLessThan(1);
      const root = await box(page, 'root');
      expect(root.width).toBeLessThanOrEqual(400);
    } finally {
      await page.close();
    }
  });

  it('stacks parts placed straight in the root (no groups) one per row, the submit button at its own width', async () => {
    const page = await openPage(1440);
    try {
      // As a layout of one's own would place them: the groups' children moved up into the root.
      const rows = await page.evaluate(() => {
        const root = document.querySelector('[data-i2v-part="root"]')!;
        for (const group of root.querySelectorAll(':scope > [data-i2v-part="inputs"], :scope > [data-i2v-part="result"]')) {
          group.replaceWith(...group.children);
        }
        return [...root.children].map((child) => {
          const r = child.getBoundingClientRect();
          return { part: child.getAttribute('data-i2v-part'), top: r.top, bottom: r.bottom, width: r.width };
        });
      });
      const rootWidth = (await box(page, 'root')).width;
      for (const [above, below] of rows.slice(0, -1).map((row, i) => [row, rows[i + 1]!] as const)) {
        expect(below.top, `${below.part} below ${above.part}`).toBeGreaterThanOrEqual(above.bottom);
      }
      const submit = rows.find((row) => row.part === 'submit')!;
      expect(submit.width).toBeLessThan(rootWidth / 2);
      expect(rows.find((row) => row.part === 'prompt-field')!.width).toBeGreaterThan(rootWidth / 2);
    } finally {
      await page.close();
    }
  });

  it('stacks on a 390 px phone without horizontal overflow', async () => {
    const page = await openPage(390);
    try {
      await choose(page, 'landscape');
      const [inputs, result] = [await box(page, 'inputs'), await box(page, 'result')];
      expect(result.y).toBeGreaterThanOrEqual(inputs.y + inputs.height);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  });

  it.each([
    ['landscape', 16 / 9],
    ['portrait', 9 / 16],
  ] as const)('keeps one %s frame from the idle stage to the poster to the video, so nothing jumps', async (orientation, ratio) => {
    const page = await openPage(1440);
    try {
      await choose(page, orientation);
      const stage = await box(page, 'stage');
      expect(stage.width / stage.height).toBeCloseTo(ratio, 1);
      // A portrait frame on a wide screen is capped: no taller than 36rem.
      expect(stage.height).toBeLessThanOrEqual(36 * 16 + 1);

      await page.getByRole('button', { name: 'Generate video' }).click();
      // Measured in the same task that finds it loaded: a short job can replace it by the video soon after.
      const poster = (await (
        await page.waitForFunction(() => {
          const img = document.querySelector<HTMLImageElement>('[data-i2v-part="poster"]');
          if (!img?.complete || img.naturalWidth === 0) return undefined;
          const r = img.getBoundingClientRect();
          return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
        })
      ).jsonValue()) as Box;
      await page.getByLabel('Generated video').waitFor({ timeout: 60_000 });
      const video = await box(page, 'video');
      for (const frame of [poster, video]) {
        expect(Math.abs(frame.width - stage.width), `${JSON.stringify(frame)} vs ${JSON.stringify(stage)}`).toBeLessThan(1);
        expect(Math.abs(frame.height - stage.height)).toBeLessThan(1);
        expect(Math.abs(frame.x - stage.x)).toBeLessThan(1);
        // Side by side, the frame sits above the status, whose height changes with the job.
        expect(Math.abs(frame.y - stage.y)).toBeLessThan(1);
      }
      expect(Math.abs(stage.y - (await box(page, 'inputs')).y)).toBeLessThan(1);
    } finally {
      await page.close();
    }
  });
});
