export { submitInputSchema, VIDEO_SIZES, VIDEO_DURATIONS, PROMPT_MAX_LENGTH } from './submitInputSchema';
export type { SubmitInput, SubmitInputDraft, VideoSize, VideoDuration } from './submitInputSchema';
export { parseSubmitInput } from './parseSubmitInput';
export { predictionSchema } from './predictionSchema';
export type { Prediction, PredictionStatus } from './predictionSchema';
export { isTerminalStatus } from './isTerminalStatus';
export { ImageToVideoError, isImageToVideoError } from './ImageToVideoError';
export type { ImageToVideoErrorKind, ImageToVideoErrorOptions, FieldErrors } from './ImageToVideoError';
export { errorFromResponse } from './errorFromResponse';
export { errorFromTask } from './errorFromTask';
export { toImageToVideoError } from './toImageToVideoError';
export { parseRetryAfter } from './parseRetryAfter';
export { readEnvelope } from './readEnvelope';
export { createProxyTransport } from './createProxyTransport';
export { PUSH_HEADER, parsePushHeader } from './parsePushHeader';
export type { ProxyTransportOptions } from './createProxyTransport';
export type {
  ImageToVideoTransport,
  SubmitOptions,
  GetResultOptions,
  UploadOptions,
  UploadProgress,
  UploadResult,
} from './ImageToVideoTransport';
export { nextPoll, expectedWindow, DEFAULT_POLL_SCHEDULE } from './pollSchedule';
export type { PollScheduleOptions, PollState, PollDecision } from './pollSchedule';
export * from './preflight/index';
