/**
 * A manual end-to-end check of a running playground in a real browser: upload an image, generate,
 * and wait until the video plays. Usage:
 *
 *   CHROMIUM=/usr/bin/chromium npx tsx playground/checkInBrowser.ts http://localhost:5173 image.png [portrait]
 */
import { chromium } from 'playwright-core';

const [url = 'http://localhost:5173', image, orientation] = process.argv.slice(2);
if (!image) throw new Error('Pass the playground URL and an image file.');
const executablePath = process.env.CHROMIUM ?? 'chromium';

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[page] ${message.text()}`);
  });
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  await page.goto(url);
  console.log(`${at()} banner: ${await page.locator('.upstream').textContent()}`);
  await page.locator('input[type=file]').first().setInputFiles(image);
  await page.getByRole('textbox', { name: /prompt/i }).fill('A slow pan across the picture');
  if (orientation === 'portrait') await page.getByRole('radio', { name: /portrait/i }).check();
  await page.getByRole('button', { name: /generate/i }).click();
  console.log(`${at()} submitted`);
  const video = page.locator('video');
  await video.waitFor({ state: 'attached', timeout: 120_000 });
  console.log(`${at()} video element: ${await video.getAttribute('src')}`);
  // A string, not a function: tsx would wrap named arrow functions in a helper the page lacks.
  const playing = (await page.evaluate(`new Promise((resolve, reject) => {
    const element = document.querySelector('video');
    element.muted = true;
    element.play().catch(() => {});
    const timer = setTimeout(() => reject(new Error('not playing: readyState ' + element.readyState + ', error ' + (element.error ? element.error.message : 'none'))), 30000);
    const check = () => {
      if (element.currentTime > 0.5) {
        clearTimeout(timer);
        resolve({ width: element.videoWidth, height: element.videoHeight, duration: element.duration, time: element.currentTime });
      } else setTimeout(check, 100);
    };
    check();
  })`)) as { width: number; height: number; duration: number; time: number };
  console.log(`${at()} playing ${playing.width}×${playing.height}, ${playing.duration.toFixed(2)} s long, at ${playing.time.toFixed(2)} s`);
  await page.screenshot({ path: process.env.SCREENSHOT ?? 'playground-check.png', fullPage: true });
} finally {
  await browser.close();
}
