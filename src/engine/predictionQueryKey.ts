export type PredictionQueryKey = readonly ['react-image-to-video', 'prediction', string | undefined];

/** The query key of one prediction, shared by the watch and the submit that seeds it. */
export function predictionQueryKey(predictionId: string | undefined): PredictionQueryKey {
  return ['react-image-to-video', 'prediction', predictionId];
}
