/**
 * Why an image was refused, as a code the UI can switch on (react-dropzone style).
 *
 * - `not-image`: the file is not an image at all.
 * - `unsupported-type`: an image type the browser or the model cannot take (HEIC, SVG, TIFF…).
 * - `too-large`: more bytes than allowed.
 * - `too-small`: fewer pixels than the model needs for a usable video.
 * - `unreadable`: claims to be an image but does not decode (corrupt or truncated).
 * - `invalid-url`: a pasted address that is not an http(s) URL.
 */
export type ImageRejectionCode = 'not-image' | 'unsupported-type' | 'too-large' | 'too-small' | 'unreadable' | 'invalid-url';

/** Thrown by `preflightImage` and `checkImageFile`; `code` says why. */
export class ImagePreflightError extends Error {
  override readonly name = 'ImagePreflightError';
  readonly code: ImageRejectionCode;

  constructor(code: ImageRejectionCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
