/**
 * How long a prediction nobody watches stays cached. Short: a finished job's value is already in
 * the watching hook's state, and react-query's 5 min default kept one query per job for a burst
 * of jobs (100 in 84 s left 102). Long enough for a view that remounts within a few seconds (or a
 * second watcher mounting just after the first) to find it without another read.
 */
export const PREDICTION_GC_TIME_MS = 5_000;
