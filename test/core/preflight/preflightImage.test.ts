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

afterEach(() => vi.unstubAllGlobals());

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

  it('passes the file through where there is nothing to decode with', async () => {
    const file = new Blob([new Uint8Array(8)], { type: 'image/png' });
    const result = await preflightImage(file);
    expect(result).toEqual({ blob: file, processed: false });
  });
});
