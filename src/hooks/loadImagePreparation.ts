import { loadOnce } from '../core/loadOnce';

/**
 * Loads the image preparation steps (decode, EXIF orientation, framing, re-encode, URL loading):
 * about 5.7 KB minified that nothing needs until an image is chosen, so it is kept out of the
 * first load. Calling this early (on the first intent to choose an image) means the choice itself
 * does not wait.
 */
export const loadImagePreparation = loadOnce(() => import('./imagePreparation'));
