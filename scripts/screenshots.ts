/**
 * `npm run screenshots`: the drop-in in the playground, photographed in the system's Chromium at
 * phone and desktop widths, light and dark, left-to-right and right-to-left, in each stage of a
 * job (idle, running, done, failed), into `screenshots/` (gitignored). For looking at, not for
 * comparing pixels: what a designer checks (alignment, overflow, mirroring, contrast) needs eyes.
 *
 *   npm run screenshots                      every combination (32 images, plus portrait frames)
 *   npm run screenshots -- --only=390-dark   only the files whose names contain that text
 *
 * The playground runs in its keyed mode against a simulator in this process, so the script can
 * set each job's timing and make one fail. The simulator renders real clips with ffmpeg.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { renderVideoWithFfmpeg } from '../playground/renderVideoWithFfmpeg';
import { startSimulatorServer, type SimulatorServer } from '../src/testing/startSimulatorServer';
import { makeJpeg, startPlayground } from '../test/e2e/startPlayground';
import { systemChromium } from '../test/systemChromium';

const WIDTHS = [390, 1440] as const;
const SCHEMES = ['light', 'dark'] as const;
const DIRECTIONS = ['ltr', 'rtl'] as const;
type Shot = {
  width: (typeof WIDTHS)[number];
  scheme: (typeof SCHEMES)[number];
  dir: (typeof DIRECTIONS)[number];
  state: 'idle' | 'running' | 'done' | 'failed';
  orientation: 'landscape' | 'portrait';
};

/** A finished job takes this long, so the proxy learns a window and a running job shows a real estimate. */
const DONE_TIMING = { queueMs: 300, processingMs: 3500 };
/** A running job that will not finish while it is photographed. */
const RUNNING_TIMING = { queueMs: 300, processingMs: 10 * 60_000 };

const outDir = resolve(import.meta.dirname, '..', 'screenshots');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const SERVER_KEY = `screenshots-${crypto.randomUUID()}`;

function fileName(shot: Shot): string {
  return `${shot.width}-${shot.scheme}-${shot.dir}-${shot.state}${shot.orientation === 'portrait' ? '-portrait' : ''}.png`;
}

function plan(): Shot[] {
  const shots: Shot[] = [];
  // Finished jobs first: from the third one on, the proxy sends an expected window, so the running
  // shots show the progress bar as a first-time visitor sees it, with an estimate.
  for (const state of ['done', 'failed', 'idle', 'running'] as const)
    for (const width of WIDTHS)
      for (const scheme of SCHEMES) for (const dir of DIRECTIONS) shots.push({ width, scheme, dir, state, orientation: 'landscape' });
  // A portrait frame is where a wide screen could make the result absurdly tall.
  for (const width of WIDTHS)
    for (const state of ['idle', 'running', 'done'] as const) shots.push({ width, scheme: 'light', dir: 'ltr', state, orientation: 'portrait' });
  return shots.filter((shot) => !only || fileName(shot).includes(only));
}

async function fillForm(page: Page, shot: Shot, photos: Record<Shot['orientation'], Buffer>): Promise<void> {
  if (shot.orientation === 'portrait') await page.getByRole('radio', { name: /Portrait/ }).check();
  await page
    .getByLabel('Choose image')
    .setInputFiles({ name: `${shot.orientation}.jpg`, mimeType: 'image/jpeg', buffer: photos[shot.orientation] });
  await page.getByRole('img', { name: /framed as it will be sent/ }).waitFor();
  await page.getByRole('textbox', { name: 'Prompt' }).fill('Morning light sweeps across the hills as clouds drift by');
}

/** Tabs from the prompt to `target`, so it has focus the way a keyboard user gives it (`:focus-visible`). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await page.getByRole('textbox', { name: 'Prompt' }).focus();
  for (let i = 0; i < 12; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element to focus.');
}

async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-i2v-part="root"]')?.getAttribute('data-status') === expected,
    status,
    { timeout: 60_000, polling: 100 },
  );
}

async function capture(browser: Browser, simulator: SimulatorServer, url: string, shot: Shot, photos: Record<Shot['orientation'], Buffer>): Promise<string> {
  const context = await browser.newContext({
    viewport: { width: shot.width, height: shot.width < 600 ? 844 : 900 },
    colorScheme: shot.scheme,
    // No autoplay (the player honours it): the done shots show a still frame, not a random one.
    reducedMotion: 'reduce',
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate((dir) => document.documentElement.setAttribute('dir', dir), shot.dir);
    await fillForm(page, shot, photos);
    simulator.simulator.clearFaults();
    if (shot.state === 'failed') {
      simulator.simulator.setTiming(DONE_TIMING);
      simulator.simulator.inject({ kind: 'fail-task', error: 'The model could not animate this image.' });
    } else simulator.simulator.setTiming(shot.state === 'running' ? RUNNING_TIMING : DONE_TIMING);

    if (shot.state !== 'idle') {
      await page.getByRole('button', { name: 'Generate video' }).click();
      if (shot.state === 'running') {
        await page.locator('[data-i2v-part="job-progress"]').waitFor();
        // A couple of seconds in, so the bar has visibly moved off its start.
        await page.waitForTimeout(1800);
      } else if (shot.state === 'done') {
        await waitForStatus(page, 'completed');
        // Its first frame, the whole clip loaded (no autoplay under reduced motion). Headless
        // Chromium's native controls can still draw their loading ring over a paused clip.
        await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 4, undefined, { timeout: 60_000 });
      } else {
        await waitForStatus(page, 'failed');
        // The recovery action, reached from the keyboard: its focus ring on the alert is judged too.
        await tabTo(page, page.getByRole('alert').getByRole('button').first());
      }
    } else {
      // Idle with the main action focused from the keyboard, to judge its focus ring.
      await tabTo(page, page.getByRole('button', { name: 'Generate video' }));
    }
    const file = join(outDir, fileName(shot));
    await page.screenshot({ path: file, fullPage: true });
    if (shot.state === 'running') await page.getByRole('button', { name: 'Cancel' }).click();
    return file;
  } finally {
    await context.close();
  }
}

const shots = plan();
if (shots.length === 0) throw new Error(`No screenshot name contains "${only}".`);
await mkdir(outDir, { recursive: true });
const [landscape, portrait] = await Promise.all([makeJpeg(1600, 1000), makeJpeg(900, 1400)]);
const photos = { landscape, portrait };
const simulator = await startSimulatorServer({ apiKey: SERVER_KEY, timing: DONE_TIMING, renderVideo: renderVideoWithFfmpeg });
const playground = await startPlayground({ WAVESPEED_API_KEY: SERVER_KEY, WAVESPEED_BASE_URL: simulator.url });
const browser = await chromium.launch(systemChromium);
try {
  for (const shot of shots) {
    const file = await capture(browser, simulator, playground.url, shot, photos);
    console.log(file.slice(resolve(import.meta.dirname, '..').length + 1));
  }
} finally {
  await browser.close();
  await playground.stop();
  await simulator.close();
}
