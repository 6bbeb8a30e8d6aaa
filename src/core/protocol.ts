/**
 * The WaveSpeed protocol this library speaks, written once. The transport, the proxy's router, the
 * simulator and the MSW handlers all build their paths and checks from these constants, so they
 * cannot drift apart. React-free and browser-safe. The proxy serves the same paths WaveSpeed does,
 * minus `WAVESPEED_API_PREFIX`.
 */

/** The model this library drives, as WaveSpeed names it in paths and in `prediction.model`. */
export const WAVESPEED_MODEL = 'luma/ray-2-flash-i2v';

/** Prefix of every WaveSpeed API path; the proxy's own routes leave it out. */
export const WAVESPEED_API_PREFIX = '/api/v3';

/** Submit a task: `POST`, a JSON body. */
export const SUBMIT_PATH = `/${WAVESPEED_MODEL}`;

/** Upload an image: `POST`, a multipart form with the field `file`. */
export const UPLOAD_PATH = '/media/upload/binary';

/** WaveSpeed's prompt optimizer, a model of its own: `POST`, a JSON body. */
export const PROMPT_OPTIMIZER_PATH = '/wavespeed-ai/prompt-optimizer';

/** The optimizer's writing styles, as WaveSpeed spells them. `default` lets it choose. */
export const PROMPT_STYLES = ['default', 'artistic', 'photographic', 'technical', 'anime', 'realistic'] as const;

export type PromptStyle = (typeof PROMPT_STYLES)[number];

/** Where the proxy serves the optimizer, below its base path (one fixed route of its own). */
export const PROMPT_OPTIMIZER_ROUTE = '/prompt-optimizer';

/** The optimizer's model name, as its predictions carry it. */
export const PROMPT_OPTIMIZER_MODEL = 'wavespeed-ai/prompt-optimizer';

/** Read a task: `GET`. Every official client polls this path. Pass a checked id only. */
export function resultPath(predictionId: string): string {
  return `/predictions/${predictionId}/result`;
}

/** Matches `resultPath(id)` and captures the id segment, not yet checked with `isPredictionId`. */
export const RESULT_PATH_PATTERN = /^\/predictions\/([^/]+)\/result$/;

/** Prediction ids are opaque, but never need characters that change a URL's path. */
export const PREDICTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Whether `value` can be a prediction id: 1–128 letters, digits, `_` or `-`. */
export function isPredictionId(value: string): boolean {
  return PREDICTION_ID_PATTERN.test(value);
}

/** The two output sizes the model renders, as WaveSpeed spells them (`width*height`). */
export const VIDEO_SIZES = ['1280*720', '720*1280'] as const;
export type VideoSize = (typeof VIDEO_SIZES)[number];

/** Width and height in pixels of each `VideoSize`. */
export const VIDEO_DIMENSIONS: Readonly<Record<VideoSize, readonly [width: number, height: number]>> = {
  '1280*720': [1280, 720],
  '720*1280': [720, 1280],
};

/** Clip lengths in seconds. 10 s is billed as two 5 s runs. */
export const VIDEO_DURATIONS = [5, 10] as const;
export type VideoDuration = (typeof VIDEO_DURATIONS)[number];

/** Types every current browser decodes and the model takes. HEIC, SVG and TIFF are not among them. */
export const SUPPORTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/bmp'] as const;
export type SupportedImageType = (typeof SUPPORTED_IMAGE_TYPES)[number];

/** The file extension an upload of each type is named with. */
export const IMAGE_EXTENSIONS: Readonly<Record<SupportedImageType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
};

/**
 * The proxy's own header on a submit's answer (not WaveSpeed's): when a task of that duration is
 * likely to finish, in ms after it was accepted, as `start-end`, learned from the proxy's recent
 * tasks. Absent until it has timed a few.
 */
export const EXPECTED_WINDOW_HEADER = 'x-i2v-expected-window-ms';
