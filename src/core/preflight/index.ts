export { preflightImage } from './preflightImage';
export { DEFAULT_MIN_IMAGE_DIMENSION } from './DEFAULT_MIN_IMAGE_DIMENSION';
export type { PreflightOptions, PreflightedImage } from './preflightImage';
export { checkImageFile, SUPPORTED_IMAGE_TYPES, DEFAULT_MAX_IMAGE_BYTES } from './checkImageFile';
export { ImagePreflightError } from './ImagePreflightError';
export type { ImageRejectionCode } from './ImagePreflightError';
// Types the preflight options name; the steps behind them (EXIF, framing, encoding) stay internal.
export type { FramingFit } from './computeFraming';
export type { PreflightFormat } from './chooseEncoding';
export { loadImageUrl } from './loadImageUrl';
export type { LoadedUrlImage, LoadImageUrlOptions } from './loadImageUrl';
