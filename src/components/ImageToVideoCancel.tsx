import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { CancelButton } from './CancelButton';
import { composeEventHandlers } from './composeEventHandlers';
import type { ImageToVideoLabels } from './defaultLabels';
import { useImageToVideoContext } from './ImageToVideoContext';
import { useLabels } from './useLabels';

export interface ImageToVideoCancelProps extends ComponentPropsWithoutRef<'button'> {
  labels?: Partial<ImageToVideoLabels>;
}

/**
 * "Cancel" while the Root's job runs; nothing otherwise. While the image uploads it is a real
 * abort; once the task exists it only stops watching (WaveSpeed cannot cancel a task: it may still
 * finish and bill), and its description (`labels.cancelCaveat`) says so. Props, `ref` and handlers
 * go to the `<button>`; `event.preventDefault()` in `onClick` keeps the job.
 */
export const ImageToVideoCancel = forwardRef<HTMLButtonElement, ImageToVideoCancelProps>(function ImageToVideoCancel(
  { labels, onClick, ...props },
  ref,
) {
  const { state, labels: rootLabels } = useImageToVideoContext('Cancel');
  const l = useLabels({ ...rootLabels, ...labels });
  return <CancelButton ref={ref} status={state.status} labels={l} onClick={composeEventHandlers(onClick, () => state.cancel())} {...props} />;
});
