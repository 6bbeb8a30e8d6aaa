import type * as ImagePreparation from './imagePreparation';

let pending: Promise<typeof ImagePreparation> | undefined;

/**
 * Loads the image preparation steps (decode, EXIF orientation, framing, re-encode, URL loading):
 * about 5.7 KB minified that nothing needs until an image is chosen, so it is kept out of the
 * first load. The import starts at most once; calling this early (on the first intent to choose
 * an image) means the choice itself does not wait. A failed import (a network blip) is forgotten,
 * so the next call tries again.
 */
export function loadImagePreparation(): Promise<typeof ImagePreparation> {
  pending ??= import('./imagePreparation').catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
