import type { VideoSize } from '../submitInputSchema';
import { parseVideoSize } from './parseVideoSize';

/** `cover` crops to the frame (nothing letterboxed); `contain` fits the whole image and pads. */
export type FramingFit = 'cover' | 'contain';

export interface Framing {
  /** Output (canvas) size: the frame's aspect ratio, never larger than the video, never upscaled. */
  width: number;
  height: number;
  /** Region of the upright source to draw. */
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  /** Where it lands on the output. */
  dx: number;
  dy: number;
  dw: number;
  dh: number;
}

/**
 * Where to cut and where to draw so an upright `source` image matches the aspect ratio of `size`,
 * scaled down to at most the video's resolution (the model renders at that size; more pixels are
 * only more bytes to send).
 */
export function computeFraming(
  source: { width: number; height: number },
  size: VideoSize,
  fit: FramingFit = 'cover',
): Framing {
  const target = parseVideoSize(size);
  const ratio = target.width / target.height;
  if (fit === 'cover') {
    const sw = source.width / source.height > ratio ? source.height * ratio : source.width;
    const sh = sw / ratio;
    const scale = Math.min(1, target.width / sw);
    const width = Math.max(1, Math.round(sw * scale));
    const height = Math.max(1, Math.round(sh * scale));
    return {
      width,
      height,
      sx: (source.width - sw) / 2,
      sy: (source.height - sh) / 2,
      sw,
      sh,
      dx: 0,
      dy: 0,
      dw: width,
      dh: height,
    };
  }
  // The smallest frame-shaped box that holds the whole source, then scaled to the video.
  const boxWidth = Math.max(source.width, source.height * ratio);
  const scale = Math.min(1, target.width / boxWidth);
  const width = Math.max(1, Math.round(boxWidth * scale));
  const height = Math.max(1, Math.round((boxWidth / ratio) * scale));
  const dw = source.width * scale;
  const dh = source.height * scale;
  return {
    width,
    height,
    sx: 0,
    sy: 0,
    sw: source.width,
    sh: source.height,
    dx: (width - dw) / 2,
    dy: (height - dh) / 2,
    dw,
    dh,
  };
}
