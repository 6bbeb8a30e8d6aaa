import type { VideoSize } from '../submitInputSchema';
import { checkImageFile, DEFAULT_MAX_IMAGE_BYTES } from './checkImageFile';
import { chooseEncoding, type PreflightFormat } from './chooseEncoding';
import { computeFraming, type FramingFit } from './computeFraming';
import { ImagePreflightError } from './ImagePreflightError';
import { orientationToApply } from './orientationToApply';
import { orientationTransform } from './orientationTransform';
import { readJpegMetadata } from './readJpegMetadata';

export interface PreflightOptions {
  /** The video size whose aspect ratio and resolution the image is fitted to. Default `'1280*720'`. */
  size?: VideoSize;
  /** `cover` crops to the frame, `contain` letterboxes. Default `'cover'`. */
  fit?: FramingFit;
  /** Output encoding. Default `'jpeg'`; `'webp'` falls back to JPEG where the browser cannot encode it. */
  format?: PreflightFormat;
  /** Largest accepted source file in bytes. Default 20 MB. */
  maxBytes?: number;
  /** Shortest accepted side of the upright source, in pixels. Default 256. */
  minDimension?: number;
  signal?: AbortSignal;
}

export interface PreflightedImage {
  /** What to send: re-encoded and framed, or the original where the browser has no canvas. */
  blob: Blob;
  /** Output size (the framing), when known. */
  width?: number;
  height?: number;
  /** Upright size of the source, when known. */
  sourceWidth?: number;
  sourceHeight?: number;
  /** False when there was no canvas to frame and re-encode with and the original is passed through. */
  processed: boolean;
}

/** Default shortest side: below this the model has too little to animate. */
export const DEFAULT_MIN_IMAGE_DIMENSION = 256;

type Drawable = ImageBitmap | HTMLImageElement;
type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;

/**
 * Turns a chosen file into what is sent: checked, decoded (off the main thread with
 * `createImageBitmap` where available), upright, framed to the video's aspect ratio, scaled to at
 * most its resolution, and re-encoded compactly. Rejects with an `ImagePreflightError`.
 */
export async function preflightImage(file: Blob, options: PreflightOptions = {}): Promise<PreflightedImage> {
  const { size = '1280*720', fit = 'cover', format = 'jpeg', signal } = options;
  checkImageFile(file, options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES);
  const canDecode = typeof createImageBitmap === 'function' || typeof document !== 'undefined';
  if (!canDecode) return { blob: file, processed: false };

  // EXIF lives in the first segments; 128 KB is more than enough and avoids reading 10 MB.
  const metadata =
    file.type === 'image/jpeg' ? readJpegMetadata(await file.slice(0, 128 * 1024).arrayBuffer()) : { orientation: 1 };
  signal?.throwIfAborted();
  const image = await decode(file);
  try {
    signal?.throwIfAborted();
    const decoded = { width: image.width, height: image.height };
    const orientation = orientationToApply(metadata, decoded);
    const upright = orientationTransform(orientation, decoded.width, decoded.height);
    const minDimension = options.minDimension ?? DEFAULT_MIN_IMAGE_DIMENSION;
    if (Math.min(upright.width, upright.height) < minDimension) {
      throw new ImagePreflightError(
        'too-small',
        `The image is ${upright.width}×${upright.height}; each side must be at least ${minDimension} pixels.`,
      );
    }
    const source = { sourceWidth: upright.width, sourceHeight: upright.height };
    let drawable: Drawable | AnyCanvas = image;
    if (orientation !== 1) {
      const rotated = createCanvas(upright.width, upright.height);
      const context = rotated && get2d(rotated);
      if (!context) return { blob: file, processed: false, ...source };
      context.setTransform(...upright.matrix);
      context.drawImage(image, 0, 0);
      drawable = rotated;
    }
    const framing = computeFraming(upright, size, fit);
    const canvas = createCanvas(framing.width, framing.height);
    const context = canvas && get2d(canvas);
    if (!canvas || !context) return { blob: file, processed: false, ...source };
    // Letterbox bars and transparent pixels end up black rather than undefined in JPEG.
    context.fillStyle = '#000';
    context.fillRect(0, 0, framing.width, framing.height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(drawable, framing.sx, framing.sy, framing.sw, framing.sh, framing.dx, framing.dy, framing.dw, framing.dh);
    let blob = await encode(canvas, chooseEncoding(format, true));
    if (format === 'webp' && blob.type !== 'image/webp') blob = await encode(canvas, chooseEncoding(format, false));
    signal?.throwIfAborted();
    return { blob, width: framing.width, height: framing.height, processed: true, ...source };
  } finally {
    if ('close' in image) image.close();
  }
}

async function decode(file: Blob): Promise<Drawable> {
  try {
    if (typeof createImageBitmap === 'function') {
      // `from-image` applies EXIF orientation while decoding in every browser that takes the option.
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    }
    const url = URL.createObjectURL(file);
    try {
      const element = new Image();
      element.src = url;
      await element.decode();
      return element;
    } finally {
      URL.revokeObjectURL(url);
    }
  } catch (cause) {
    throw new ImagePreflightError('unreadable', 'The image could not be read; it may be damaged.', { cause });
  }
}

function createCanvas(width: number, height: number): AnyCanvas | undefined {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  if (typeof document === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function get2d(canvas: AnyCanvas): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null {
  return canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
}

function encode(canvas: AnyCanvas, { type, quality }: { type: string; quality: number }): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The canvas could not encode the image.'))), type, quality),
  );
}
