export { submitInputSchema } from './submitInputSchema';
export { VIDEO_SIZES, VIDEO_DURATIONS, PROMPT_MAX_LENGTH, IMAGE_URL_MAX_LENGTH } from './submitInputRules';
export type { SubmitInput, SubmitInputDraft } from './submitInputSchema';
export type { VideoSize, VideoDuration } from './submitInputRules';
export { parseSubmitInput } from './parseSubmitInput';
export { predictionSchema } from './predictionSchema';
export type { Prediction, PredictionStatus } from './predictionSchema';
export { isTerminalStatus } from './isTerminalStatus';
export { isHttpUrl } from './isHttpUrl';
export { isPredictionId } from './protocol';
export { ImageToVideoError, isImageToVideoError } from './ImageToVideoError';
export type { ImageToVideoErrorKind, ImageToVideoErrorOptions, FieldErrors } from './ImageToVideoError';
export { toImageToVideoError } from './toImageToVideoError';
export { createProxyTransport } from './createProxyTransport';
export type { ProxyTransportOptions } from './createProxyTransport';
export type {
  ImageToVideoTransport,
  SubmitOptions,
  GetResultOptions,
  UploadOptions,
  UploadProgress,
  UploadResult,
} from './ImageToVideoTransport';
export { nextPoll, DEFAULT_POLL_SCHEDULE } from './pollSchedule';
export type { PollScheduleOptions, PollState, PollDecision } from './pollSchedule';
export * from './preflight/index';
