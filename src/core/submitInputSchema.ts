import * as z from 'zod/mini';
import { isHttpUrl } from './isHttpUrl';
import { VIDEO_DURATIONS, VIDEO_SIZES, type VideoDuration, type VideoSize } from './protocol';

// Sizes and durations are protocol facts; re-exported here, where schema users have always found them.
export { VIDEO_DURATIONS, VIDEO_SIZES, type VideoDuration, type VideoSize };
/**
 * Longest prompt we accept, in characters. WaveSpeed documents no limit for this model; this
 * cap keeps bodies small and is the same on the client and the proxy.
 */
export const PROMPT_MAX_LENGTH = 2000;
/** Longest `image` value: an http(s) URL, or a data URI of an image already compressed by preflight. */
export const IMAGE_URL_MAX_LENGTH = 2048;
export const IMAGE_DATA_URI_MAX_LENGTH = 10 * 1024 * 1024;

const DATA_URI = /^data:image\/(png|jpe?g|webp|gif|avif|bmp);base64,[A-Za-z0-9+/]+={0,2}$/;

function isAcceptableImage(value: string): boolean {
  if (value.startsWith('data:')) {
    return value.length <= IMAGE_DATA_URI_MAX_LENGTH && DATA_URI.test(value);
  }
  return value.length <= IMAGE_URL_MAX_LENGTH && isHttpUrl(value);
}

const isOneOf =
  (allowed: readonly unknown[]) =>
  (value: unknown): boolean =>
    allowed.includes(value);

/**
 * The submit body, exactly as the model takes it. Used by the client before a request leaves and
 * by the proxy before it forwards one; fields the model does not declare are dropped.
 */
export const submitInputSchema = z.object({
  image: z.string().check(
    z.trim(),
    z.minLength(1, 'Choose an image.'),
    z.refine(isAcceptableImage, 'The image must be an http(s) URL or a base64 image data URI.'),
  ),
  prompt: z.string().check(
    z.trim(),
    z.minLength(1, 'Write a prompt.'),
    z.maxLength(PROMPT_MAX_LENGTH, `The prompt can be at most ${PROMPT_MAX_LENGTH} characters.`),
  ),
  // `z.custom` over a list check rather than `z.enum`/`z.literal`: the same result and message,
  // and ~0.4 KB gzip less in every browser bundle (refine already brings the custom check).
  size: z._default(z.custom<VideoSize>(isOneOf(VIDEO_SIZES), 'Size must be 1280*720 or 720*1280.'), '1280*720'),
  duration: z._default(z.custom<VideoDuration>(isOneOf(VIDEO_DURATIONS), 'Duration must be 5 or 10 seconds.'), 5),
});

/** What a caller passes to `submit`: `size` and `duration` may be left out. */
export type SubmitInputDraft = z.input<typeof submitInputSchema>;
/** A validated submit body, with defaults filled in. */
export type SubmitInput = z.output<typeof submitInputSchema>;
