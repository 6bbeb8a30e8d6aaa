import { isHttpUrl } from './isHttpUrl';
import { VIDEO_DURATIONS, VIDEO_SIZES, type VideoDuration, type VideoSize } from './protocol';

// Sizes and durations are protocol facts; re-exported beside the other submit rules.
export { VIDEO_DURATIONS, VIDEO_SIZES, type VideoDuration, type VideoSize };
/**
 * Longest prompt we accept, in characters. WaveSpeed documents no limit for this model; this
 * cap keeps bodies small and is the same on the client and the proxy.
 */
export const PROMPT_MAX_LENGTH = 2000;
/** Longest `image` value: an http(s) URL, or a data URI of an image already compressed by preflight. */
export const IMAGE_URL_MAX_LENGTH = 2048;
export const IMAGE_DATA_URI_MAX_LENGTH = 10 * 1024 * 1024;


/** What each rule says when broken: the client shows these beside the field, the proxy answers them in 422s. */
export const SUBMIT_INPUT_MESSAGES = {
  invalid: 'Invalid input',
  imageEmpty: 'Choose an image.',
  imageNotAccepted: 'The image must be an http(s) URL or a base64 image data URI.',
  promptEmpty: 'Write a prompt.',
  promptTooLong: `The prompt can be at most ${PROMPT_MAX_LENGTH} characters.`,
  size: 'Size must be 1280*720 or 720*1280.',
  duration: 'Duration must be 5 or 10 seconds.',
} as const;

const DATA_URI = /^data:image\/(png|jpe?g|webp|gif|avif|bmp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** An http(s) URL or a base64 image data URI, each within its length cap. */
export function isAcceptableImage(value: string): boolean {
  if (value.startsWith('data:')) {
    return value.length <= IMAGE_DATA_URI_MAX_LENGTH && DATA_URI.test(value);
  }
  return value.length <= IMAGE_URL_MAX_LENGTH && isHttpUrl(value);
}

export const isVideoSize = (value: unknown): value is VideoSize => (VIDEO_SIZES as readonly unknown[]).includes(value);
export const isVideoDuration = (value: unknown): value is VideoDuration => (VIDEO_DURATIONS as readonly unknown[]).includes(value);
