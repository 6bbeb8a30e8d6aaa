import type { QueryState } from '@tanstack/react-query';
import type { ImageToVideoError } from '../core/ImageToVideoError';
import type { Prediction } from '../core/predictionSchema';

/** The part of a react-query `Query` the schedule reads. */
export interface PredictionQuery {
  state: QueryState<Prediction, ImageToVideoError>;
}
