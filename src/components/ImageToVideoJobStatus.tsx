import { forwardRef } from 'react';
import { useElapsedTime } from '../hooks/index';
import { useImageToVideoContext } from './ImageToVideoContext';
import { Status, type StatusProps } from './Status';

export type ImageToVideoJobStatusProps = Omit<
  StatusProps,
  'status' | 'error' | 'uploadProgress' | 'elapsedMs' | 'estimateMs' | 'onRetry' | 'onChangeImage' | 'onEditPrompt' | 'onCancel' | 'progressBar'
>;

/**
 * `ImageToVideo.Status`: the Root's job as a `Status` (stage in a polite live region, the clock
 * and estimate beside it, a failure's alert with the action that helps: "Try again", or
 * "Choose another image" / "Edit prompt", which focus the Image and Prompt parts). Put
 * `ImageToVideo.Progress` and `ImageToVideo.Cancel` inside as `children` to show them. It owns the
 * ticking clock, so only it re-renders every second. Props and `ref` go to the `Status`.
 */
export const ImageToVideoJobStatus = forwardRef<HTMLDivElement, ImageToVideoJobStatusProps>(function ImageToVideoJobStatus(
  { labels, ...props },
  ref,
) {
  const { state, retry, imageInputRef, promptRef, labels: rootLabels } = useImageToVideoContext('Status');
  const ticking = useElapsedTime(state.submittedAt, { running: state.isRunning });
  return (
    <Status
      ref={ref}
      status={state.status}
      error={state.error}
      uploadProgress={state.uploadProgress}
      elapsedMs={state.isRunning ? ticking : state.elapsedMs}
      estimateMs={state.estimateMs}
      onRetry={retry}
      // The chooser is the image input's first control; focusing it lets Enter open the picker.
      onChangeImage={() => imageInputRef.current?.querySelector<HTMLInputElement>('input[type="file"]')?.focus()}
      onEditPrompt={() => promptRef.current?.focus()}
      progressBar={false}
      labels={{ ...rootLabels, ...labels }}
      {...props}
    />
  );
});
