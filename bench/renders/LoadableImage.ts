/**
 * jsdom loads no images, and the drop-in loads an image URL before it counts as chosen. This
 * `Image` loads any URL at once as a 1600×900 picture whose origin allows no reading (no CORS), so
 * the URL is sent as it is: the render and polling figures measure those, not image preparation.
 */
export class LoadableImage {
  crossOrigin: string | null = null;
  naturalWidth = 1600;
  naturalHeight = 900;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  set src(url: string) {
    if (url) queueMicrotask(() => (this.crossOrigin === null ? this.onload?.() : this.onerror?.()));
  }
}
