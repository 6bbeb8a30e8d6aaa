export * from './core/index';
export { ImageToVideoProvider } from './hooks/ImageToVideoProvider';
export type { ImageToVideoProviderProps } from './hooks/ImageToVideoProvider';
export type { ImageToVideoConfig, ImageMode } from './hooks/ImageToVideoConfigContext';
export { useImageToVideoConfig } from './hooks/useImageToVideoConfig';
export { predictionQueryOptions } from './hooks/predictionQueryOptions';
export type { PredictionQueryOptionsInput, PredictionQueryKey } from './hooks/predictionQueryOptions';
export { useImageToVideo } from './hooks/useImageToVideo';
export type {
  UseImageToVideoOptions,
  UseImageToVideoResult,
  ImageToVideoRequest,
  ImageToVideoStatus,
} from './hooks/useImageToVideo';
export { usePromptOptimizer } from './hooks/usePromptOptimizer';
export type {
  UsePromptOptimizerOptions,
  UsePromptOptimizerResult,
  PromptOptimizerRequest,
  PromptOptimizerStatus,
} from './hooks/usePromptOptimizer';
export { usePrediction } from './hooks/usePrediction';
export type { UsePredictionOptions, UsePredictionResult, PredictionWatchStatus } from './hooks/usePrediction';
export { useElapsedTime } from './hooks/useElapsedTime';
export type { UseElapsedTimeOptions } from './hooks/useElapsedTime';
export { ImageToVideo } from './components/ImageToVideo';
export type { ImageToVideoProps, ImageToVideoPart, ImageToVideoSlots } from './components/ImageToVideo';
export { ImageInput } from './components/ImageInput';
export type { ImageInputProps, ImageSource, PreparedImage, ImageRejection } from './components/ImageInput';
export { SizePicker } from './components/SizePicker';
export type { SizePickerProps } from './components/SizePicker';
export { DurationPicker, DEFAULT_PRICE_PER_FIVE_SECONDS } from './components/DurationPicker';
export type { DurationPickerProps } from './components/DurationPicker';
export { PromptField } from './components/PromptField';
export type { PromptFieldProps } from './components/PromptField';
export { SubmitButton } from './components/SubmitButton';
export type { SubmitButtonProps } from './components/SubmitButton';
export { Status } from './components/Status';
export type { StatusProps } from './components/Status';
export { PredictionPlayer } from './components/PredictionPlayer';
export type { PredictionPlayerProps, PredictionPlayerState } from './components/PredictionPlayer';
export { defaultLabels } from './components/defaultLabels';
export type { ImageToVideoLabels, SubmitBlockReason, StatusStage, StatusDetails, RejectionDetails } from './components/defaultLabels';
export { useControllableState } from './components/useControllableState';
export type { ControllableStateOptions } from './components/useControllableState';
