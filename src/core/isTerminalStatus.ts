import type { PredictionStatus } from './predictionSchema';

/** True once a prediction will not change any more. */
export function isTerminalStatus(status: PredictionStatus): boolean {
  return status === 'completed' || status === 'failed';
}
