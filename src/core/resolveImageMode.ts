import type { ImageToVideoTransport } from './ImageToVideoTransport';
import type { ImageMode } from './ImageMode';

/** Uploading needs a transport that can upload; without one, images travel inline. */
export function resolveImageMode(requested: ImageMode | undefined, transport: ImageToVideoTransport): ImageMode {
  return (requested ?? 'upload') === 'upload' && typeof transport.upload === 'function' ? 'upload' : 'data-uri';
}
