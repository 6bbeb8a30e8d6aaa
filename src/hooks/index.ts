// The public React layer: components and the package root reach hooks only through this list.
export { ImageToVideoProvider } from './ImageToVideoProvider';
export type { ImageToVideoProviderProps } from './ImageToVideoProvider';
export type { ImageToVideoConfig } from './ImageToVideoConfigContext';
export { useImageToVideoConfig } from './useImageToVideoConfig';
export { predictionQueryOptions } from '../engine/predictionQueryOptions';
export type { PredictionQueryOptionsInput, PredictionQueryKey } from '../engine/predictionQueryOptions';
export { useImageToVideo } from './useImageToVideo';
export type { UseImageToVideoOptions, UseImageToVideoResult } from './useImageToVideo';
export { usePromptOptimizer } from './usePromptOptimizer';
export type { UsePromptOptimizerOptions, UsePromptOptimizerResult, PromptOptimizerRequest, PromptOptimizerStatus } from './usePromptOptimizer';
export { usePrediction } from './usePrediction';
export type { UsePredictionOptions, UsePredictionResult, PredictionWatchStatus } from './usePrediction';
export { useElapsedTime } from './useElapsedTime';
export type { UseElapsedTimeOptions } from './useElapsedTime';
export { usePreparedImage } from './usePreparedImage';
export { preloadImagePreparation } from './preloadImagePreparation';
export type { UsePreparedImageOptions, UsePreparedImageResult, PreparedImageStatus, PreparedImageFailure, ImageSource, PreparedImage } from './usePreparedImage';
