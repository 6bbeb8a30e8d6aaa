export { submitInputSchema } from './submitInputSchema';
export { VIDEO_SIZES, VIDEO_DURATIONS, PROMPT_MAX_LENGTH, IMAGE_URL_MAX_LENGTH } from './submitInputRules';
export type { SubmitInput, SubmitInputDraft } from './submitInputSchema';
export type { VideoSize, VideoDuration } from './submitInputRules';
export { parseSubmitInput } from './parseSubmitInput';
export { promptOptimizerInputSchema } from './promptOptimizerInputSchema';
export type { PromptOptimizerInput, PromptOptimizerInputDraft } from './promptOptimizerInputSchema';
export { PROMPT_STYLES } from './protocol';
export type { PromptStyle } from './protocol';
export { parsePromptOptimizerInput } from './parsePromptOptimizerInput';
export { optimizedPromptOf } from './optimizedPromptOf';
export { predictionSchema } from './predictionSchema';
export type { Prediction, PredictionStatus } from './predictionSchema';
export { isTerminalStatus } from './isTerminalStatus';
export { isHttpUrl } from './isHttpUrl';
export { isPredictionId } from './protocol';
export { videoUrlOf } from './videoUrlOf';
export type { ImageMode } from './ImageMode';
export type { ImageToVideoRequest } from './ImageToVideoRequest';
export type { ImageToVideoStatus } from './ImageToVideoStatus';
export { ImageToVideoError, isImageToVideoError } from './ImageToVideoError';
export type { ImageToVideoErrorKind, ImageToVideoErrorOptions, FieldErrors } from './ImageToVideoError';
export { toImageToVideoError } from './toImageToVideoError';
export { createProxyTransport } from './createProxyTransport';
export type { ProxyTransportOptions } from './createProxyTransport';
export type {
  ImageToVideoTransport,
  SubmitOptions,
  SubmitAnswer,
  GetResultOptions,
  UploadOptions,
  UploadProgress,
  UploadResult,
  OptimizePromptOptions,
} from './ImageToVideoTransport';
export { nextPoll, DEFAULT_POLL_SCHEDULE } from './pollSchedule';
export type { PollScheduleOptions, PollState, PollDecision } from './pollSchedule';
export * from './preflight/index';
