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
  // A secure context, as an app on https or localhost is (about:blank is not, and WebCodecs'
  // ImageDecoder, which preflight uses to decode at reduced scale, exists only in one).
  await page.route('https://preflight.bench/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>preflight bench</title>' }),
  );
  await page.goto('https://preflight.bench/');
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
    // In the same Chromium: a sideways phone photo (EXIF orientation 6) comes out upright and
    // framed. Quadrants stored red | green over blue | white; upright that is blue | red over
    // white | green.
    const quadrants = new OffscreenCanvas(4000, 3000);
    const q = quadrants.getContext('2d')!;
    for (const [x, y, colour] of [[0, 0, '#f00'], [2000, 0, '#0f0'], [0, 1500, '#00f'], [2000, 1500, '#fff']] as const) {
      q.fillStyle = colour;
      q.fillRect(x, y, 2000, 1500);
    }
    const stored = new Uint8Array(await (await quadrants.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
    const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const sideways = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, app1.length + 2, ...app1]), stored.slice(2)], { type: 'image/jpeg' });
    const upright = await preflightImage(sideways, { size: '720*1280' });
    const check = new OffscreenCanvas(upright.width!, upright.height!);
    const c = check.getContext('2d')!;
    c.drawImage(await createImageBitmap(upright.blob), 0, 0);
    const colourAt = (x: number, y: number) => [...c.getImageData(x, y, 1, 1).data.slice(0, 3)].map((v) => (v > 128 ? 'x' : '-')).join('');
    const orientation = {
      size: `${upright.width}×${upright.height}`,
      quadrants: [colourAt(180, 320), colourAt(540, 320), colourAt(180, 960), colourAt(540, 960)].join(' '),
    };
    return {
      decodeMs,
      orientation,
      scaledDecode: 'ImageDecoder' in self,
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
  console.log(`  the full-size decode alone: median ${decode.median.toFixed(0)} ms; decoded at reduced scale (ImageDecoder): ${figures.scaledDecode ? 'yes' : 'no'}`);
  const upright = figures.orientation.size === '720×1280' && figures.orientation.quadrants === '--x x-- xxx -x-';
  console.log(`  EXIF orientation 6 → ${figures.orientation.size}, quadrants ${figures.orientation.quadrants}: ${upright ? 'upright and framed' : 'WRONG (expected 720×1280, --x x-- xxx -x-)'}`);
  if (!upright) process.exitCode = 1;
  console.log(`  bytes sent as data URI: ${(figures.sentDataUriBytes / 1e3).toFixed(0)} kB vs the original's ${(figures.originalDataUriBytes / 1e6).toFixed(2)} MB: ${ratio.toFixed(1)}× fewer (target ≥ 10×)`);
  writeResult('preflight', { chromium: version, runs: RUNS, ...figures, timeMs: time, decodeTimeMs: decode, ratio });
} finally {
  await browser.close();
}
