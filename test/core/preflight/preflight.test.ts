import { describe, expect, it } from 'vitest';
import { checkImageFile, ImagePreflightError } from '../../../src/core/preflight';
// The steps behind preflightImage are internal; their tests reach them where they live.
import { chooseEncoding } from '../../../src/core/preflight/chooseEncoding';
import { computeFraming } from '../../../src/core/preflight/computeFraming';
import { orientationToApply } from '../../../src/core/preflight/orientationToApply';
import { orientationTransform } from '../../../src/core/preflight/orientationTransform';
import { readJpegMetadata } from '../../../src/core/preflight/readJpegMetadata';
import { scaledDecodeSize } from '../../../src/core/preflight/scaledDecodeSize';
import { jpegFixture } from './jpegFixture';

describe('readJpegMetadata', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reads orientation %i in both byte orders', (orientation) => {
    for (const byteOrder of ['II', 'MM'] as const) {
      const bytes = jpegFixture({ width: 4032, height: 3024, orientation, byteOrder, jfif: true });
      expect(readJpegMetadata(bytes)).toEqual({ orientation, width: 4032, height: 3024 });
    }
  });

  it('answers orientation 1 when there is no EXIF, and still reads the size', () => {
    expect(readJpegMetadata(jpegFixture({ width: 640, height: 480 }))).toEqual({ orientation: 1, width: 640, height: 480 });
  });

  it('answers orientation 1 for bytes that are not a JPEG, or are cut short', () => {
    expect(readJpegMetadata(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toEqual({ orientation: 1 });
    const truncated = jpegFixture({ width: 10, height: 10, orientation: 6 }).slice(0, 12);
    expect(readJpegMetadata(truncated).orientation).toBe(1);
  });

  it('ignores an out-of-range orientation value', () => {
    expect(readJpegMetadata(jpegFixture({ width: 10, height: 10, orientation: 9 })).orientation).toBe(1);
  });
});

describe('orientationToApply', () => {
  const stored = { orientation: 6, width: 4032, height: 3024 };
  it('is 1 when the browser already rotated (size swapped)', () => {
    expect(orientationToApply(stored, { width: 3024, height: 4032 })).toBe(1);
  });
  it('is the EXIF value when the decoded size is still the stored one', () => {
    expect(orientationToApply(stored, { width: 4032, height: 3024 })).toBe(6);
  });
  it('tells by the shape when the decode was scaled down', () => {
    expect(orientationToApply(stored, { width: 1512, height: 1134 })).toBe(6);
    expect(orientationToApply(stored, { width: 1134, height: 1512 })).toBe(1);
  });
  it('trusts the browser for flips, 180° and square images', () => {
    expect(orientationToApply({ orientation: 3, width: 40, height: 30 }, { width: 40, height: 30 })).toBe(1);
    expect(orientationToApply({ orientation: 6, width: 30, height: 30 }, { width: 30, height: 30 })).toBe(1);
  });
});

describe('orientationTransform', () => {
  /** Where the stored pixel (x, y) lands under the matrix. */
  function apply(m: readonly number[], x: number, y: number) {
    return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
  }

  it.each([
    // orientation, where the stored top-left corner must end up in the upright image
    [1, [0, 0]],
    [2, [40, 0]],
    [3, [40, 30]],
    [4, [0, 30]],
    [5, [0, 0]],
    [6, [30, 0]],
    [7, [30, 40]],
    [8, [0, 40]],
  ] as const)('orientation %i maps the stored image inside the upright box', (orientation, corner) => {
    const t = orientationTransform(orientation, 40, 30);
    const rotated = orientation >= 5;
    expect([t.width, t.height]).toEqual(rotated ? [30, 40] : [40, 30]);
    expect(apply(t.matrix, 0, 0)).toEqual(corner);
    // The opposite stored corner lands on the opposite upright corner.
    expect(apply(t.matrix, 40, 30)).toEqual([t.width - corner[0], t.height - corner[1]]);
  });
});

describe('computeFraming', () => {
  it('crops a 12-megapixel landscape photo to 16:9 and scales it to 1280×720', () => {
    const f = computeFraming({ width: 4032, height: 3024 }, '1280*720', 'cover');
    expect([f.width, f.height]).toEqual([1280, 720]);
    expect(f.sw).toBe(4032);
    expect(f.sh).toBeCloseTo(2268);
    expect(f.sy).toBeCloseTo((3024 - 2268) / 2);
    expect(f.sx).toBe(0);
  });

  it('crops the same photo for portrait from the middle columns', () => {
    const f = computeFraming({ width: 4032, height: 3024 }, '720*1280', 'cover');
    expect([f.width, f.height]).toEqual([720, 1280]);
    expect(f.sh).toBe(3024);
    expect(f.sw).toBeCloseTo(1701);
    expect(f.sx).toBeCloseTo((4032 - 1701) / 2);
  });

  it('never upscales a small image', () => {
    const f = computeFraming({ width: 640, height: 480 }, '1280*720', 'cover');
    expect([f.width, f.height]).toEqual([640, 360]);
  });

  it('fits the whole image in contain mode, centred with bars', () => {
    const f = computeFraming({ width: 3000, height: 3000 }, '1280*720', 'contain');
    expect([f.width, f.height]).toEqual([1280, 720]);
    expect([f.sw, f.sh]).toEqual([3000, 3000]);
    expect(f.dw).toBeCloseTo(720);
    expect(f.dh).toBeCloseTo(720);
    expect(f.dx).toBeCloseTo(280);
    expect(f.dy).toBe(0);
  });

  it('keeps the output within the video resolution for any source', () => {
    for (const [w, h] of [[8000, 100], [100, 8000], [1280, 720], [5000, 5000]] as const) {
      for (const size of ['1280*720', '720*1280'] as const) {
        for (const fit of ['cover', 'contain'] as const) {
          const f = computeFraming({ width: w, height: h }, size, fit);
          expect(Math.max(f.width, f.height)).toBeLessThanOrEqual(1280);
          expect(Math.min(f.width, f.height)).toBeLessThanOrEqual(720);
        }
      }
    }
  });
});

describe('chooseEncoding', () => {
  it('uses JPEG by default and WebP only when asked and encodable', () => {
    expect(chooseEncoding('jpeg', true).type).toBe('image/jpeg');
    expect(chooseEncoding('webp', true).type).toBe('image/webp');
    expect(chooseEncoding('webp', false).type).toBe('image/jpeg');
  });
});

describe('checkImageFile', () => {
  function codeOf(file: Blob, max?: number) {
    try {
      checkImageFile(file, max);
      return undefined;
    } catch (error) {
      return error instanceof ImagePreflightError ? error.code : error;
    }
  }
  it('names each reason', () => {
    expect(codeOf(new Blob(['x'], { type: 'text/plain' }))).toBe('not-image');
    expect(codeOf(new Blob(['x'], { type: 'image/heic' }))).toBe('unsupported-type');
    expect(codeOf(new Blob(['x'], { type: 'image/svg+xml' }))).toBe('unsupported-type');
    expect(codeOf(new Blob(['xxxx'], { type: 'image/png' }), 3)).toBe('too-large');
    expect(codeOf(new Blob(['xxx'], { type: 'image/png' }), 3)).toBeUndefined();
  });
});

describe('scaledDecodeSize', () => {
  it('asks for the smallest n/8 of the stored size that still holds the scale needed', () => {
    expect(scaledDecodeSize({ width: 4000, height: 3000 }, 0.32)).toEqual({ width: 1500, height: 1125 });
    expect(scaledDecodeSize({ width: 4000, height: 3000 }, 0.375)).toEqual({ width: 1500, height: 1125 });
    expect(scaledDecodeSize({ width: 4001, height: 3001 }, 0.25)).toEqual({ width: 1001, height: 751 });
    expect(scaledDecodeSize({ width: 8000, height: 6000 }, 0.01)).toEqual({ width: 1000, height: 750 });
  });
  it('is undefined when the full size is needed', () => {
    expect(scaledDecodeSize({ width: 1600, height: 1200 }, 1)).toBeUndefined();
    expect(scaledDecodeSize({ width: 1600, height: 1200 }, 0.9)).toBeUndefined();
  });
});
