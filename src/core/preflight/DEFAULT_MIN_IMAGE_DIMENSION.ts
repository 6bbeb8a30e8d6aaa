/**
 * Default shortest side: below this the model has too little to animate. In a file of its own so
 * the hooks' defaults do not pull `preflightImage` (loaded lazily) into the first load.
 */
export const DEFAULT_MIN_IMAGE_DIMENSION = 256;
