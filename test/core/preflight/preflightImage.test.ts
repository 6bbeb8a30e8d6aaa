import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImagePreflightError, preflightImage } from '../../../src/core/preflight';
import { jpegFixture } from './jpegFixture';

/**
 * Node has neither `createImageBitmap` nor `OffscreenCanvas`; these stand-ins record what the
 * pipeline asks of them. The decoded size is given per test (as a browser that did or did not
 * apply EXIF orientation would report it); "encoding" yields a blob naming the canvas size.
 */
function stubCanvas(decoded: { width: number; height: number } | Error, encodes: string[] = ['image/jpeg', 'image/webp']) {
  const calls: { op: string; args: unknown[] }[] = [];
  vi.stubGlobal('createImageBitmap', async () => {
    if (decoded instanceof Error) throw decoded;
    return { ...decoded, close: () => calls.push({ op: 'close', args: [] }) };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(
        public width: number,
        public height: number,
      ) {
        calls.push({ op: 'canvas', args: [width, height] });
      }
      getContext() {
        return {
          fillRect() {},
          setTransform: (...args: unknown[]) => calls.push({ op: 'setTransform', args }),
          drawImage: (...args: unknown[]) => calls.push({ op: 'drawImage', args }),
        };
      }
      async convertToBlob({ type }: { type: string }) {
        // Like Safari for WebP: an encoder it lacks silently yields PNG.
        return new Blob([`${this.width}x${this.height}`], { type: encodes.includes(type) ? type : 'image/png' });
      }
    },
  );
  return calls;
}

/**
 * WebCodecs' ImageDecoder stand-in: records what it was asked for and "decodes" at that size, as
 * Chromium's JPEG decoder does at n/8 scale; `rotates` says whether the frame comes out upright
 * (the browser applied EXIF orientation) or as stored.
 */
function stubImageDecoder({ rotates = true, orientation = 1, fails = false } = {}) {
  const inits: ImageDecoderInit[] = [];
  const closed: string[] = [];
  let release: (() => void) | undefined;
  const started = new Promise<void>((resolve) => (release = resolve));
  vi.stubGlobal(
    'ImageDecoder',
    class {
      constructor(private init: ImageDecoderInit) {
        inits.push(init);
      }
      async decode() {
        release?.();
        await Promise.resolve();
        if (fails) throw new DOMException('unsupported', 'NotSupportedError');
        const { desiredWidth: w = 0, desiredHeight: h = 0 } = this.init;
        const swap = rotates && orientation >= 5;
        return { image: { displayWidth: swap ? h : w, displayHeight: swap ? w : h, close: () => closed.push('frame') } };
      }
      close() {
        closed.push('decoder');
      }
    },
  );
  return { inits, closed, started };
}

afterEach(() => vi.unstubAllGlobals());

describe('preflightImage: JPEG decoded at reduced scale (ImageDecoder)', () => {
  it('decodes a 12-megapixel photo at 3/8 scale, just enough for 1280×720, and frames from that', async () => {
    const calls = stubCanvas(new Error('no full decode expected'));
    const decoder = stubImageDecoder();
    const file = new Blob([jpegFixture({ width: 4032, height: 3024 })], { type: 'image/jpeg' });
    const result = await preflightImage(file, { size: '1280*720' });
    // 1280 of 4032 is 0.32 of the width: the next n/8 is 3/8.
    expect(decoder.inits[0]).toMatchObject({ type: 'image/jpeg', desiredWidth: 1512, desiredHeight: 1134 });
    expect(result).toMatchObject({ width: 1280, height: 720, sourceWidth: 4032, sourceHeight: 3024, processed: true });
    expect(calls.find((c) => c.op === 'drawImage')?.args.slice(1)).toEqual([0, 141.75, 1512, 850.5, 0, 0, 1280, 720]);
    expect(decoder.closed).toEqual(['decoder', 'frame']);
  });

  it('rotates a sideways photo itself when the frame comes out as stored', async () => {
    const calls = stubCanvas(new Error('no full decode expected'));
    stubImageDecoder({ rotates: false, orientation: 6 });
    const file = new Blob([jpegFixture({ width: 4032, height: 3024, orientation: 6 })], { type: 'image/jpeg' });
    const result = await preflightImage(file, { size: '720*1280' });
    expect(result).toMatchObject({ sourceWidth: 3024, sourceHeight: 4032, width: 720, height: 1280 });
    expect(calls.find((c) => c.op === 'canvas')?.args).toEqual([1134, 1512]);
    expect(calls.find((c) => c.op === 'setTransform')?.args).toEqual([0, 1, -1, 0, 1134, 0]);
  });

  it('trusts a frame that comes out upright', async () => {
    const calls = stubCanvas(new Error('no full decode expected'));
    stubImageDecoder({ rotates: true, orientation: 6 });
    const file = new Blob([jpegFixture({ width: 4032, height: 3024, orientation: 6 })], { type: 'image/jpeg' });
    const result = await preflightImage(file, { size: '720*1280' });
    expect(result).toMatchObject({ sourceWidth: 3024, sourceHeight: 4032, width: 720, height: 1280 });
    expect(calls.some((c) => c.op === 'setTransform')).toBe(false);
  });

  it('decodes in full when the scaled decode fails, and rejects a too-small image before decoding', async () => {
    stubCanvas({ width: 4032, height: 3024 });
    const decoder = stubImageDecoder({ fails: true });
    const file = new Blob([jpegFixture({ width: 4032, height: 3024 })], { type: 'image/jpeg' });
    expect(await preflightImage(file)).toMatchObject({ width: 1280, height: 720, processed: true });
    expect(decoder.inits).toHaveLength(1);
    const small = new Blob([jpegFixture({ width: 4000, height: 200 })], { type: 'image/jpeg' });
    await expect(preflightImage(small)).rejects.toMatchObject({ code: 'too-small' });
    expect(decoder.inits).toHaveLength(1);
  });

  it('stops when aborted during the decode, closing the decoder', async () => {
    stubCanvas(new Error('no full decode expected'));
    const decoder = stubImageDecoder();
    const controller = new AbortController();
    const file = new Blob([jpegFixture({ width: 4032, height: 3024 })], { type: 'image/jpeg' });
    const result = preflightImage(file, { signal: controller.signal });
    await decoder.started;
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(decoder.closed).toContain('decoder');
  });
});

describe('preflightImage', () => {
  it('frames a 12-megapixel landscape photo to 1280×720 JPEG', async () => {
    const calls = stubCanvas({ width: 4032, height: 3024 });
    const file = new Blob([jpegFixture({ width: 4032, height: 3024 })], { type: 'image/jpeg' });
    const result = await preflightImage(file, { size: '1280*720' });
    expect(result).toMatchObject({ width: 1280, height: 720, sourceWidth: 4032, sourceHeight: 3024, processed: true });
    expect(result.blob.type).toBe('image/jpeg');
    expect(await result.blob.text()).toBe('1280x720');
    expect(calls.some((c) => c.op === 'setTransform')).toBe(false);
    expect(calls.at(-1)?.op).toBe('close');
  });

  it('rotates a sideways phone photo itself when the browser decoded it unrotated', async () => {
    const calls = stubCanvas({ width: 4032, height: 3024 });
    const file = new Blob([jpegFixture({ width: 4032, height: 3024, orientation: 6 })], { type: 'image/jpeg' });
    const result = await preflightImage(file, { size: '720*1280' });
    // Upright it is a 3:4 portrait, cropped at the sides to 9:16.
    expect(result).toMatchObject({ sourceWidth: 3024, sourceHeight: 4032, width: 720, height: 1280 });
    expect(calls.find((c) => c.op === 'setTransform')?.args).toEqual([0, 1, -1, 0, 3024, 0]);
    expect(calls.find((c) => c.op === 'canvas')?.args).toEqual([3024, 4032]);
  });

  it('trusts a browser that already applied the orientation', async () => {
    const calls = stubCanvas({ width: 3024, height: 4032 });
    const file = new Blob([jpegFixture({ width: 4032, height: 3024, orientation: 6 })], { type: 'image/jpeg' });
    const result = await preflightImage(file, { size: '720*1280' });
    expect(result).toMatchObject({ sourceWidth: 3024, sourceHeight: 4032, width: 720, height: 1280 });
    expect(calls.some((c) => c.op === 'setTransform')).toBe(false);
  });

  it('encodes WebP when asked and able, JPEG when the browser cannot', async () => {
    stubCanvas({ width: 2000, height: 2000 });
    const file = new Blob([new Uint8Array(8)], { type: 'image/png' });
    expect((await preflightImage(file, { format: 'webp' })).blob.type).toBe('image/webp');
    stubCanvas({ width: 2000, height: 2000 }, ['image/jpeg']);
    expect((await preflightImage(file, { format: 'webp' })).blob.type).toBe('image/jpeg');
  });

  it('letterboxes instead of cropping with fit "contain"', async () => {
    const calls = stubCanvas({ width: 3000, height: 3000 });
    const result = await preflightImage(new Blob([new Uint8Array(8)], { type: 'image/png' }), { fit: 'contain' });
    expect([result.width, result.height]).toEqual([1280, 720]);
    expect(calls.find((c) => c.op === 'drawImage')?.args.slice(1)).toEqual([0, 0, 3000, 3000, 280, 0, 720, 720]);
  });

  it.each([
    ['too-small', { width: 255, height: 1000 }, {}],
    ['unreadable', new DOMException('bad data', 'InvalidStateError'), {}],
  ] as const)('rejects %s', async (code, decoded, options) => {
    stubCanvas(decoded as never);
    const error = await preflightImage(new Blob([new Uint8Array(8)], { type: 'image/png' }), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImagePreflightError);
    expect((error as ImagePreflightError).code).toBe(code);
  });

  it('stops when aborted', async () => {
    stubCanvas({ width: 2000, height: 2000 });
    const controller = new AbortController();
    controller.abort();
    await expect(
      preflightImage(new Blob([new Uint8Array(8)], { type: 'image/png' }), { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops waiting for a full decode that is aborted, and closes the bitmap when it arrives', async () => {
    const calls: string[] = [];
    let finish: (() => void) | undefined;
    const canvases = stubCanvas({ width: 4000, height: 3000 });
    // A decode that takes as long as the test says.
    vi.stubGlobal(
      'createImageBitmap',
      () => new Promise((resolve) => (finish = () => resolve({ width: 4000, height: 3000, close: () => calls.push('close') }))),
    );
    const controller = new AbortController();
    const result = preflightImage(new Blob([new Uint8Array(8)], { type: 'image/png' }), { signal: controller.signal });
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'));
    controller.abort();
    // Rejected while the decode is still running: nothing waits for its pixels.
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([]);
    finish!();
    await vi.waitFor(() => expect(calls).toEqual(['close']));
    expect(canvases.some((c) => c.op === 'canvas')).toBe(false);
  });

  it('passes the file through where there is nothing to decode with', async () => {
    const file = new Blob([new Uint8Array(8)], { type: 'image/png' });
    const result = await preflightImage(file);
    expect(result).toEqual({ blob: file, processed: false });
  });
});
