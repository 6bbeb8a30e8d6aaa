import type { JpegMetadata } from './readJpegMetadata';

/**
 * The EXIF orientation still to apply after the browser decoded the image. Current browsers
 * apply it while decoding; older ones did not. For the rotating orientations (5–8) the decoded
 * shape tells which happened: still the stored shape (landscape or portrait; the decode may be
 * scaled down) means nobody rotated it. Flips and 180° (2–4) keep the shape and cannot be told
 * apart, so they are trusted to the browser.
 */
export function orientationToApply(metadata: JpegMetadata, decoded: { width: number; height: number }): number {
  const { orientation, width, height } = metadata;
  if (orientation < 5 || width === undefined || height === undefined || width === height) return 1;
  return decoded.width > decoded.height === width > height ? orientation : 1;
}
