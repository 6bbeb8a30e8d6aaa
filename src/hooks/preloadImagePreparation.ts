import { loadImagePreparation } from './loadImagePreparation';

/**
 * Starts loading the code that prepares a chosen image (decode, orientation, framing, re-encode),
 * which the library keeps out of the first load and fetches on first use. Call it on the first
 * sign the user is about to choose an image, so the choice does not wait on the download;
 * `useImageInput` (and so the drop-in) already does on pointer over, focus in and drag into its
 * zone. The code is fetched once, whatever the number of calls; a failed fetch is retried by the
 * next call or by the choice that needs it, which also reports it.
 */
export function preloadImagePreparation(): void {
  loadImagePreparation().catch(() => {});
}
