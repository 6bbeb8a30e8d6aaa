import { loadOnce } from '../core/loadOnce';
import { toImageToVideoError } from '../core/toImageToVideoError';

/**
 * Loads what a job runs (validation, upload, inlining, the submit, a status read) and what a
 * prompt improvement runs: about 6 KB minified that no page needs before there is a job. The drop-in starts it as
 * soon as an image is chosen, so the click does not wait for it. A failed load rejects as a
 * `network` error.
 */
export const loadJobSteps = loadOnce(() =>
  import('./jobSteps').catch((error: unknown) => {
    throw toImageToVideoError(error);
  }),
);
