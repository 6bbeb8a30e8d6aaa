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
export { usePrediction } from './hooks/usePrediction';
export type { UsePredictionOptions, UsePredictionResult, PredictionWatchStatus } from './hooks/usePrediction';
export { useElapsedTime } from './hooks/useElapsedTime';
export type { UseElapsedTimeOptions } from './hooks/useElapsedTime';
