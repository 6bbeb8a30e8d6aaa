import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { ImageMode } from './ImageToVideoConfigContext';

/** Uploading needs a transport that can upload; without one, images travel inline. */
export function resolveImageMode(requested: ImageMode | undefined, transport: ImageToVideoTransport): ImageMode {
  return (requested ?? 'upload') === 'upload' && typeof transport.upload === 'function' ? 'upload' : 'data-uri';
}
