import type { VideoSize } from '../submitInputSchema';
import { checkImageFile, DEFAULT_MAX_IMAGE_BYTES } from './checkImageFile';
import { DEFAULT_MIN_IMAGE_DIMENSION } from './DEFAULT_MIN_IMAGE_DIMENSION';
import { chooseEncoding, type PreflightFormat } from './chooseEncoding';
import { computeFraming, type FramingFit } from './computeFraming';
import { ImagePreflightError } from './ImagePreflightError';
import { orientationToApply } from './orientationToApply';
import { orientationTransform } from './orientationTransform';
import { readJpegMetadata, type JpegMetadata } from './readJpegMetadata';
import { scaledDecodeSize } from './scaledDecodeSize';

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

type Decoded = ImageBitmap | HTMLImageElement;
type Drawable = Decoded | VideoFrame;
type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;

/**
 * Turns a chosen file into what is sent: checked, decoded (off the main thread; a large JPEG at
 * reduced scale with WebCodecs' `ImageDecoder` where available, else `createImageBitmap`), upright,
 * framed to the video's aspect ratio, scaled to at most its resolution, and re-encoded compactly.
 * Rejects with an `ImagePreflightError`.
 */
export async function preflightImage(file: Blob, options: PreflightOptions = {}): Promise<PreflightedImage> {
  const { size = '1280*720', fit = 'cover', format = 'jpeg', signal } = options;
  signal?.throwIfAborted();
  checkImageFile(file, options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES);
  const canDecode = typeof createImageBitmap === 'function' || typeof document !== 'undefined';
  if (!canDecode) return { blob: file, processed: false };

  // EXIF lives in the first segments; 128 KB is more than enough and avoids reading 10 MB.
  const metadata =
    file.type === 'image/jpeg' ? readJpegMetadata(await file.slice(0, 128 * 1024).arrayBuffer()) : { orientation: 1 };
  signal?.throwIfAborted();
  const minDimension = options.minDimension ?? DEFAULT_MIN_IMAGE_DIMENSION;
  const checkSize = (upright: { width: number; height: number }) => {
    if (Math.min(upright.width, upright.height) < minDimension) {
      throw new ImagePreflightError(
        'too-small',
        `The image is ${upright.width}×${upright.height}; each side must be at least ${minDimension} pixels.`,
      );
    }
  };
  // Decoding all 12 megapixels of a phone photo was most of the time; when the header gives the
  // size, decode only as many pixels as the frame needs.
  const storedUpright = uprightFromHeader(metadata);
  let scaled: VideoFrame | undefined;
  if (storedUpright) {
    checkSize(storedUpright);
    const full = computeFraming(storedUpright, size, fit);
    // In stored orientation: the decoder scales what is stored, before any rotation.
    const desired = scaledDecodeSize({ width: metadata.width!, height: metadata.height! }, full.dw / full.sw);
    if (desired) scaled = await decodeScaled(file, desired, signal);
  }
  const fullImage = scaled ? undefined : await decode(file, signal);
  const image: Drawable = scaled ?? fullImage!;
  try {
    signal?.throwIfAborted();
    const decoded = scaled
      ? { width: scaled.displayWidth, height: scaled.displayHeight }
      : { width: fullImage!.width, height: fullImage!.height };
    const orientation = orientationToApply(metadata, decoded);
    const upright = orientationTransform(orientation, decoded.width, decoded.height);
    if (!scaled) checkSize(upright);
    const source = scaled
      ? { sourceWidth: storedUpright!.width, sourceHeight: storedUpright!.height }
      : { sourceWidth: upright.width, sourceHeight: upright.height };
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
    signal?.throwIfAborted();
    if (format === 'webp' && blob.type !== 'image/webp') blob = await encode(canvas, chooseEncoding(format, false));
    signal?.throwIfAborted();
    return { blob, width: framing.width, height: framing.height, processed: true, ...source };
  } finally {
    if ('close' in image) image.close();
  }
}

/** The upright size a JPEG's header promises, when it gives one. */
function uprightFromHeader({ orientation, width, height }: JpegMetadata): { width: number; height: number } | undefined {
  if (width === undefined || height === undefined) return undefined;
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * A JPEG decoded at reduced scale by WebCodecs' `ImageDecoder` (the frame comes out upright where
 * the browser applies EXIF orientation). `undefined` where it is missing or fails, so the caller
 * falls back to a full decode; a real decode error is then reported by that.
 */
async function decodeScaled(
  file: Blob,
  desired: { width: number; height: number },
  signal: AbortSignal | undefined,
): Promise<VideoFrame | undefined> {
  if (typeof ImageDecoder !== 'function') return undefined;
  let decoder: ImageDecoder | undefined;
  const stop = () => decoder?.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const data = await file.arrayBuffer();
    signal?.throwIfAborted();
    decoder = new ImageDecoder({
      data,
      type: file.type,
      desiredWidth: desired.width,
      desiredHeight: desired.height,
      transfer: [data],
    });
    return (await decoder.decode()).image;
  } catch (cause) {
    signal?.throwIfAborted();
    if (cause instanceof ImagePreflightError) throw cause;
    return undefined;
  } finally {
    signal?.removeEventListener('abort', stop);
    decoder?.close();
  }
}

/**
 * A full decode. `createImageBitmap` cannot be stopped, so an abort stops the wait instead: the
 * caller moves on at once and the bitmap is closed when it arrives, rather than holding 12
 * megapixels for a choice the user already replaced.
 */
async function decode(file: Blob, signal: AbortSignal | undefined): Promise<Decoded> {
  try {
    if (typeof createImageBitmap === 'function') {
      // `from-image` applies EXIF orientation while decoding in every browser that takes the option.
      const decoding = createImageBitmap(file, { imageOrientation: 'from-image' });
      if (!signal) return await decoding;
      // Closing twice is harmless: the caller closes it too once drawn.
      signal.addEventListener('abort', () => decoding.then((bitmap) => bitmap.close(), () => {}), { once: true });
      return await Promise.race([decoding, aborted(signal)]);
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
    signal?.throwIfAborted();
    throw new ImagePreflightError('unreadable', 'The image could not be read; it may be damaged.', { cause });
  }
}

/** Rejects with the abort reason once `signal` fires; raced against work that cannot be stopped. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
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
