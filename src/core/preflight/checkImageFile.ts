import { SUPPORTED_IMAGE_TYPES } from '../protocol';
import { ImagePreflightError } from './ImagePreflightError';

export { SUPPORTED_IMAGE_TYPES };

/** Default ceiling for a chosen file: WaveSpeed's upload limit for images. */
export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * The checks that need no decoding: is it an image, of a supported type, not too large.
 * Throws an `ImagePreflightError`.
 */
export function checkImageFile(file: Blob, maxBytes: number = DEFAULT_MAX_IMAGE_BYTES): void {
  const type = file.type.toLowerCase();
  if (!type.startsWith('image/')) {
    throw new ImagePreflightError('not-image', 'That file is not an image.');
  }
  if (!(SUPPORTED_IMAGE_TYPES as readonly string[]).includes(type)) {
    throw new ImagePreflightError('unsupported-type', `Images of type ${type} are not supported.`);
  }
  if (file.size > maxBytes) {
    throw new ImagePreflightError('too-large', `The image is larger than ${maxBytes} bytes.`);
  }
}
