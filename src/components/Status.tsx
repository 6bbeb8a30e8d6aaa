import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { ImageToVideoError, UploadProgress } from '../core/index';
import type { ImageToVideoLabels, StatusStage } from './defaultLabels';
import { useLabels } from './useLabels';
import { CancelButton } from './CancelButton';
import { JobProgress } from './JobProgress';
import { recoveryActions } from './recoveryActions';

export interface StatusProps extends ComponentPropsWithoutRef<'div'> {
  status: StatusStage;
  /** Bytes sent so far while `uploading`. */
  uploadProgress?: UploadProgress;
  /** Time since the job was submitted (tick it with `useElapsedTime`). Default 0. */
  elapsedMs?: number;
  /**
   * When a finish is likely, in ms after submit, measured on real jobs (the hook's `estimateMs`).
   * Default none: the elapsed time is shown alone and the progress bar is indeterminate.
   */
  estimateMs?: readonly [number, number];
  /** Shown with `role="alert"` while `status` is `failed`. */
  error?: ImageToVideoError;
  /** Offers a "Try again" button inside the alert, for errors that trying again can fix. */
  onRetry?: () => void;
  /** Offers "Choose another image" for errors the image causes (moderation, unusable image): focus the image input. */
  onChangeImage?: () => void;
  /** Offers "Edit prompt" for errors the prompt may cause (moderation, invalid prompt): focus the prompt. */
  onEditPrompt?: () => void;
  /**
   * Offers a "Cancel" button while the job runs. While the image uploads it is a real abort; once
   * the task exists it only stops watching (WaveSpeed cannot cancel a task: it may still finish
   * and bill), and the button's description says so (`labels.cancelCaveat`).
   */
  onCancel?: () => void;
  /**
   * Shows the job's progress bar (`JobProgress`) while the task runs. Default `true`; inside an
   * `ImageToVideo.Root`, `ImageToVideo.Progress` is a part of its own.
   */
  progressBar?: boolean;
  /** Rendered after the stage and its clock, before a failure's alert (the Root's `Progress` and `Cancel`, say). */
  children?: ReactNode;
  labels?: Partial<ImageToVideoLabels>;
}

/**
 * The current stage in words, in a polite live region that speaks only when the stage changes;
 * the elapsed time and estimate beside it, visible but not announced; a failure in an alert with
 * its human message and the action that can help: "Try again" where a retry can succeed, else
 * "Choose another image" / "Edit prompt" (see `recoveryActions`).
 */
export const Status = forwardRef<HTMLDivElement, StatusProps>(function Status(
  {
    status,
    uploadProgress,
    elapsedMs = 0,
    estimateMs,
    error,
    onRetry,
    onChangeImage,
    onEditPrompt,
    onCancel,
    progressBar = true,
    labels,
    children,
    ...rest
  },
  ref,
) {
  const l = useLabels(labels);
  const progress =
    uploadProgress && uploadProgress.total > 0 ? Math.min(1, uploadProgress.loaded / uploadProgress.total) : undefined;
  const failed = status === 'failed' && error;
  const details = { progress, elapsedMs, estimateMs };
  const ticking = l.statusProgress(status, details);
  const actions = failed ? recoveryActions(error) : [];
  const taskExists = status === 'queued' || status === 'processing';
  return (
    <div ref={ref} data-i2v-part="status" data-status={status} {...rest}>
      {/* The live region is always mounted, so the first change is announced too. It holds the
          stage only: the clock beside it ticks every second and must not be read out each time. */}
      <p role="status" aria-live="polite" data-i2v-part="status-text">
        {l.status(status, details)}
      </p>
      {ticking ? <p data-i2v-part="status-progress">{ticking}</p> : null}
      {progress !== undefined && status === 'uploading' ? (
        <progress data-i2v-part="upload-progress" value={progress} max={1} aria-label={l.status('uploading', { elapsedMs, estimateMs })} />
      ) : null}
      {taskExists && progressBar ? <JobProgress elapsedMs={elapsedMs} estimateMs={estimateMs} valueText={ticking || undefined} labels={l} /> : null}
      {onCancel ? <CancelButton status={status} labels={l} onClick={onCancel} /> : null}
      {children}
      {failed ? (
        <div role="alert" data-i2v-part="error" data-kind={error.kind}>
          <p data-i2v-part="error-message">{l.errorMessage(error)}</p>
          {actions.includes('change-image') && onChangeImage ? (
            <button type="button" data-i2v-part="change-image" onClick={onChangeImage}>
              {l.changeImage}
            </button>
          ) : null}
          {actions.includes('edit-prompt') && onEditPrompt ? (
            <button type="button" data-i2v-part="edit-prompt" onClick={onEditPrompt}>
              {l.editPrompt}
            </button>
          ) : null}
          {actions.includes('retry') && onRetry ? (
            <button type="button" data-i2v-part="retry" onClick={onRetry}>
              {l.retry}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});
