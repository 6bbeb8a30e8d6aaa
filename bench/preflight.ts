/**
 * Image preflight in real Chromium: a 12-megapixel JPEG (4000×3000, photo-like content, quality
 * 0.92) through `preflightImage` to what is sent, against sending the original as a data URI.
 * Time per run (min/median/max over repeated runs) and bytes sent.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import type { preflightImage as PreflightImage } from '../src/core/preflight/preflightImage';
import { launchChromium, spread } from './chromium';
import { writeResult } from './writeResult';

const RUNS = 11;
const root = resolve(import.meta.dirname, '..');
const bundle = await build({
  entryPoints: [resolve(root, 'src/core/preflight/index.ts')],
  bundle: true,
  format: 'iife',
  globalName: 'i2vPreflight',
  write: false,
  logLevel: 'silent',
});

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>preflight bench</title>');
  // tsx names functions with a `__name` helper that the serialized page function still calls.
  await page.addScriptTag({ content: `window.__name = (f) => f;\n${bundle.outputFiles[0]!.text}` });
  const figures = await page.evaluate(async (runs) => {
    const { preflightImage } = (window as unknown as { i2vPreflight: { preflightImage: typeof PreflightImage } }).i2vPreflight;
    // A photo stand-in: soft gradients, shapes and sensor-like noise (pure noise would not compress
    // like a photo; flat colour would compress far better than one).
    const canvas = new OffscreenCanvas(4000, 3000);
    const ctx = canvas.getContext('2d')!;
    let seed = 42;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const sky = ctx.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, '#6fa8dc');
    sky.addColorStop(1, '#f6b26b');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 4000, 3000);
    for (let i = 0; i < 400; i++) {
      const g = ctx.createRadialGradient(rnd() * 4000, rnd() * 3000, 0, rnd() * 4000, rnd() * 3000, 50 + rnd() * 600);
      g.addColorStop(0, `hsla(${rnd() * 360},60%,${30 + rnd() * 40}%,0.8)`);
      g.addColorStop(1, 'hsla(0,0%,50%,0)');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 4000, 3000);
    }
    const pixels = ctx.getImageData(0, 0, 4000, 3000);
    for (let i = 0; i < pixels.data.length; i += 4) {
      const n = (rnd() - 0.5) * 24;
      pixels.data[i] = pixels.data[i]! + n;
      pixels.data[i + 1] = pixels.data[i + 1]! + n;
      pixels.data[i + 2] = pixels.data[i + 2]! + n;
    }
    ctx.putImageData(pixels, 0, 0);
    const original = new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })], 'photo.jpg', { type: 'image/jpeg' });
    const dataUri = (blob: Blob) =>
      new Promise<string>((done) => {
        const reader = new FileReader();
        reader.onload = () => done(String(reader.result));
        reader.readAsDataURL(blob);
      });
    const originalDataUriBytes = (await dataUri(original)).length;

    await preflightImage(original, { size: '1280*720' }); // warm-up: decoder and encoder start
    const timesMs: number[] = [];
    let sent: Blob | undefined;
    let width: number | undefined;
    let height: number | undefined;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = await preflightImage(original, { size: '1280*720' });
      timesMs.push(performance.now() - started);
      sent = result.blob;
      width = result.width;
      height = result.height;
    }
    // Where the time goes: the full-size decode alone, as preflight does it.
    const decodeMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      (await createImageBitmap(original, { imageOrientation: 'from-image' })).close();
      decodeMs.push(performance.now() - started);
    }
    return {
      decodeMs,
      originalBytes: original.size,
      originalDataUriBytes,
      sentBytes: sent!.size,
      sentType: sent!.type,
      sentDataUriBytes: (await dataUri(sent!)).length,
      width,
      height,
      timesMs,
    };
  }, RUNS);
  const time = spread(figures.timesMs);
  const decode = spread(figures.decodeMs);
  const ratio = figures.originalDataUriBytes / figures.sentDataUriBytes;
  const version = browser.version();
  console.log(`preflight in Chromium ${version}: 12 MP JPEG of ${(figures.originalBytes / 1e6).toFixed(2)} MB → ${figures.width}×${figures.height} ${figures.sentType} of ${(figures.sentBytes / 1e3).toFixed(0)} kB`);
  console.log(`  time over ${RUNS} runs: min ${time.min.toFixed(0)} ms, median ${time.median.toFixed(0)} ms, max ${time.max.toFixed(0)} ms (target ≤ 250 ms)`);
  console.log(`  of which the full-size decode alone: median ${decode.median.toFixed(0)} ms`);
  console.log(`  bytes sent as data URI: ${(figures.sentDataUriBytes / 1e3).toFixed(0)} kB vs the original's ${(figures.originalDataUriBytes / 1e6).toFixed(2)} MB: ${ratio.toFixed(1)}× fewer (target ≥ 10×)`);
  writeResult('preflight', { chromium: version, runs: RUNS, ...figures, timeMs: time, decodeTimeMs: decode, ratio });
} finally {
  await browser.close();
}
