import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import type { ImageToVideoError } from '../core/ImageToVideoError';
import { PREDICTION_GC_TIME_MS } from './predictionGcTimeMs';
import { runSubmission, type Submission, type SubmissionVariables } from './runSubmission';

const SUBMIT_MUTATION_KEY = ['react-image-to-video', 'submit'] as const;
const SUBMIT_CONFLICT_RETRIES = 3;

/**
 * The submit as a react-query mutation, created on the first submit with the code it runs (see
 * loadJobSteps), so neither is in a page's first load.
 */
export function createSubmissionMutation(client: QueryClient): MutationObserver<Submission, ImageToVideoError, SubmissionVariables> {
  return new MutationObserver(client, {
    mutationKey: SUBMIT_MUTATION_KEY,
    mutationFn: runSubmission,
    // Never blindly re-POST a submit (a second task bills twice), with one exception: a 409 is
    // the proxy saying the task for this very idempotency key is still being created, and
    // asking again with the same key can only return that task.
    retry: (failureCount, error) => error.status === 409 && failureCount < SUBMIT_CONFLICT_RETRIES,
    retryDelay: (failureCount, error) => error.retryAfterMs ?? 1000 * 2 ** failureCount,
    networkMode: 'always',
    // Its variables hold the chosen image; the result lives on in the job's observer, so a
    // replaced mutation need not sit in the host's cache for 5 minutes.
    gcTime: PREDICTION_GC_TIME_MS,
  });
}
