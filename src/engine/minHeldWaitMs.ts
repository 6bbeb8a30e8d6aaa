/** A long-poll answered sooner than this without a finished task did not really wait. */
export const MIN_HELD_WAIT_MS = 1000;
