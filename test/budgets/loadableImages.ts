import { vi } from 'vitest';
import { LoadableImage } from '../../bench/renders/LoadableImage';

/** Stubs the global `Image` with one that loads any URL at once (see LoadableImage). */
export function loadableImages() {
  vi.stubGlobal('Image', LoadableImage);
}
