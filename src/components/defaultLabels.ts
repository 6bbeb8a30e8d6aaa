import type { ImageRejectionCode, ImageToVideoError, ImageToVideoStatus, PromptStyle, VideoDuration, VideoSize } from '../core/index';

/** What a rejection message may mention: the refused file and the limits it was held to. */
export interface RejectionDetails {
  file?: Blob;
  maxBytes: number;
  minDimension: number;
}

/** Why the submit button is not ready, in the order it is checked. */
export type SubmitBlockReason = 'no-image' | 'preparing-image' | 'no-prompt' | 'prompt-too-long' | 'running';

/** The stages the status part can show: the hook's statuses. */
export type StatusStage = ImageToVideoStatus;

export interface StatusDetails {
  /** Upload progress in [0, 1], when known. */
  progress?: number;
  elapsedMs: number;
  /**
   * When a finish is likely, in ms after submit, measured on real jobs (the proxy's recent tasks,
   * this browser's own); `undefined` while nothing is measured, when no estimate should be shown.
   */
  estimateMs?: readonly [number, number];
}

/**
 * Every visible string. Pass a partial object as `labels` to any part or to `<ImageToVideo>`;
 * functions receive raw numbers so translations can format them with their own `Intl` locale.
 */
export interface ImageToVideoLabels {
  image: string;
  chooseImage: string;
  dropHint: string;
  imageUrl: string;
  imageUrlPlaceholder: string;
  useImageUrl: string;
  removeImage: string;
  preparingImage: string;
  imagePreview: string;
  /** Alt text of the preview of a URL whose origin does not allow framing it in the page. */
  imagePreviewUnframed: string;
  /** Said under that preview: what will be sent instead of a framed image. */
  imageNotFramed: string;
  rejection: (code: ImageRejectionCode, details: RejectionDetails) => string;
  size: string;
  sizeOption: (size: VideoSize) => string;
  duration: string;
  durationOption: (seconds: VideoDuration) => string;
  cost: (amount: number, currency: string) => string;
  prompt: string;
  promptCount: (length: number, max: number) => string;
  promptShortcut: string;
  /** The prompt optimizer's button. */
  improvePrompt: string;
  /** Shown and announced while the optimizer works. */
  improvingPrompt: string;
  /** Announced when the improved prompt has replaced the user's. */
  promptImproved: string;
  /** Restores the prompt from before the improvement. */
  undoImprovePrompt: string;
  /** Announced after undo. */
  promptRestored: string;
  promptStyle: string;
  promptStyleOption: (style: PromptStyle) => string;
  /** Why an improvement failed; the prompt is left as it was. */
  improvePromptError: (error: ImageToVideoError) => string;
  submit: string;
  submitBlocked: (reason: SubmitBlockReason) => string;
  /**
   * The stage in words, announced by the polite live region whenever it changes: keep anything that
   * ticks (the clock, upload percent) out of it, or a screen reader is interrupted every second.
   */
  status: (stage: StatusStage, details: StatusDetails) => string;
  /** What ticks within a stage (elapsed time and estimate, upload percent): shown, not announced. `''` for none. */
  statusProgress: (stage: StatusStage, details: StatusDetails) => string;
  errorMessage: (error: ImageToVideoError) => string;
  retry: string;
  changeImage: string;
  editPrompt: string;
  cancel: string;
  /** The Cancel button's description once the task exists: canceling only stops watching it. */
  cancelCaveat: string;
  /** The accessible name of the job's progress bar. */
  progress: string;
  video: string;
  poster: string;
  download: string;
  nsfwWarning: string;
  revealVideo: string;
  videoExpired: string;
  timings: (inferenceMs: number) => string;
}

// English labels format numbers in English so server and client render the same text.
const LOCALE = 'en';

function seconds(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m}:${String(s).padStart(2, '0')}` : `${s} s`;
}

function megabytes(bytes: number): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}

function estimate(details: StatusDetails): string {
  if (!details.estimateMs) return `${seconds(details.elapsedMs)} elapsed`;
  const [start, end] = details.estimateMs;
  if (details.elapsedMs > end) return `${seconds(details.elapsedMs)} elapsed, longer than usual (most finish within ${seconds(end)})`;
  const [from, to] = [Math.round(start / 1000), Math.round(end / 1000)];
  // Jobs that all took about as long give a window narrower than the rounding: not "10–10 s".
  return `${seconds(details.elapsedMs)} elapsed, usually done in ${from === to ? `about ${to}` : `${from}–${to}`} s`;
}

const ERROR_MESSAGES: Partial<Record<ImageToVideoError['kind'], string>> = {
  'invalid-input': 'Something in the request was not accepted. Check the image and the prompt.',
  unauthorized: 'The video service is not set up on this site (its API key is missing or invalid).',
  forbidden: 'This site is not allowed to make videos right now.',
  'insufficient-credit': 'The video service account is out of credit. The site owner needs to top it up.',
  'upstream-unavailable': 'The video service is temporarily unavailable. Try again in a moment.',
  network: 'Could not reach the server. Check your connection and try again.',
  timeout: 'This is taking far longer than it should, so we stopped waiting. Try again.',
  'bad-response': 'The server sent an answer we did not understand. Try again.',
  'task-failed': 'The video could not be made. Adjust the image or prompt and try again.',
  'content-moderated': 'The image or prompt was refused by content moderation. Try a different one.',
  'media-unreachable': 'The video service could not load the image. Choose it again, or use a public URL.',
  canceled: 'Canceled.',
  expired: 'This video has expired.',
};

const STAGES: Record<StatusStage, string> = {
  idle: '',
  uploading: 'Uploading image…',
  queued: 'Queued…',
  processing: 'Generating video…',
  submitting: 'Starting…',
  completed: 'Your video is ready.',
  failed: 'The video could not be made.',
  canceled: 'Canceled.',
};

const REJECTIONS: Record<Exclude<ImageRejectionCode, 'too-large' | 'too-small'>, string> = {
  'not-image': 'That file is not an image.',
  'unsupported-type': 'That image type is not supported. Use JPEG, PNG, WebP, GIF or AVIF.',
  unreadable: 'That image could not be read; it may be damaged.',
  'invalid-url': 'Enter an image address starting with https://.',
};

const BLOCKED: Record<SubmitBlockReason, string> = {
  'no-image': 'Choose an image first.',
  'preparing-image': 'The image is still being prepared.',
  'no-prompt': 'Write a prompt first.',
  'prompt-too-long': 'The prompt is too long.',
  running: 'A video is being made.',
};

/** English defaults. */
export const defaultLabels: ImageToVideoLabels = {
  image: 'Image',
  chooseImage: 'Choose image',
  dropHint: 'or drop or paste an image here',
  imageUrl: 'Image URL',
  imageUrlPlaceholder: 'https://…',
  useImageUrl: 'Use URL',
  removeImage: 'Remove image',
  preparingImage: 'Preparing image…',
  imagePreview: 'Chosen image, framed as it will be sent',
  imagePreviewUnframed: 'Chosen image, as it is at its address',
  imageNotFramed:
    "This image's site does not let this page frame it: its address is sent as it is, and the video service decides how it fills the frame.",
  rejection: (code, { file, maxBytes, minDimension }) => {
    if (code === 'too-large') {
      return `That image is too large${file ? ` (${megabytes(file.size)} MB)` : ''}; the limit is ${megabytes(maxBytes)} MB.`;
    }
    if (code === 'too-small') return `That image is too small; use one at least ${minDimension} pixels on each side.`;
    return REJECTIONS[code];
  },
  size: 'Size',
  sizeOption: (size) => (size === '1280*720' ? 'Landscape 1280×720' : 'Portrait 720×1280'),
  duration: 'Duration',
  durationOption: (value) => `${value} s`,
  cost: (amount, currency) => new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(amount),
  prompt: 'Prompt',
  promptCount: (length, max) => {
    const format = new Intl.NumberFormat(LOCALE);
    return `${format.format(length)} / ${format.format(max)}`;
  },
  promptShortcut: 'Ctrl+Enter or ⌘+Enter to generate',
  improvePrompt: 'Improve prompt',
  improvingPrompt: 'Improving the prompt…',
  promptImproved: 'Prompt improved. Undo (Ctrl+Z or ⌘+Z) brings back yours.',
  undoImprovePrompt: 'Undo',
  promptRestored: 'Your prompt is back.',
  promptStyle: 'Prompt style',
  promptStyleOption: (style) => (style === 'default' ? 'Any style' : style[0]!.toUpperCase() + style.slice(1)),
  improvePromptError: (error) => {
    const unchanged = 'Your prompt is unchanged.';
    if (error.kind === 'rate-limited') {
      return error.retryAfterMs
        ? `Too many improvements at once. Try again in ${seconds(error.retryAfterMs)}. ${unchanged}`
        : `Too many improvements at once. Wait a minute, then try again. ${unchanged}`;
    }
    const fields = Object.values(error.fieldErrors ?? {}).flat();
    const why = error.kind === 'invalid-input' && fields.length > 0 ? fields.join(' ') : (ERROR_MESSAGES[error.kind] ?? error.message);
    return `The prompt could not be improved: ${why} ${unchanged}`;
  },
  submit: 'Generate video',
  submitBlocked: (reason) => BLOCKED[reason],
  status: (stage) => STAGES[stage],
  statusProgress: (stage, details) => {
    switch (stage) {
      case 'uploading':
        return details.progress === undefined ? '' : new Intl.NumberFormat(LOCALE, { style: 'percent' }).format(details.progress);
      case 'queued':
      case 'processing':
        return estimate(details);
      default:
        return '';
    }
  },
  errorMessage: (error) => {
    if (error.kind === 'rate-limited') {
      return error.retryAfterMs
        ? `Too many videos at once. Try again in ${seconds(error.retryAfterMs)}.`
        : 'Too many videos at once. Wait a minute, then try again.';
    }
    // The field messages come from validation and say exactly what to fix.
    const fields = Object.values(error.fieldErrors ?? {}).flat();
    if (error.kind === 'invalid-input' && fields.length > 0) return fields.join(' ');
    return ERROR_MESSAGES[error.kind] ?? error.message;
  },
  retry: 'Try again',
  changeImage: 'Choose another image',
  editPrompt: 'Edit prompt',
  cancel: 'Cancel',
  cancelCaveat: 'Stops waiting for this video. The service cannot stop a task it has started: it may still finish, and be billed.',
  progress: 'Video progress',
  video: 'Generated video',
  poster: 'Source image',
  download: 'Download video',
  nsfwWarning: 'This video was flagged as possibly sensitive.',
  revealVideo: 'Show video',
  videoExpired: 'This video has expired and is no longer available.',
  timings: (ms) => `Generated in ${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(ms / 1000)} s`,
};
