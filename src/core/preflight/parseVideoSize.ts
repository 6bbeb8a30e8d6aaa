import type { VideoSize } from '../submitInputSchema';

/** Parses WaveSpeed's `'1280*720'` into numbers. */
export function parseVideoSize(size: VideoSize): { width: number; height: number } {
  const [width, height] = size.split('*').map(Number) as [number, number];
  return { width, height };
}
