import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { DEFAULT_POLL_SCHEDULE, type ImageToVideoError, type UploadProgress } from '../core/index';
import { defaultLabels, type ImageToVideoLabels, type StatusStage } from './defaultLabels';

export interface StatusProps extends ComponentPropsWithoutRef<'div'> {
  status: StatusStage;
  /** Bytes sent so far while `uploading`. */
  uploadProgress?: UploadProgress;
  /** Time since the job was submitted (tick it with `useElapsedTime`). Default 0. */
  elapsedMs?: number;
  /** When a finish is likely, in ms after submit. Default the poll schedule's prior, 18–70 s. */
  estimateMs?: readonly [number, number];
  /** Shown with `role="alert"` while `status` is `failed`. */
  error?: ImageToVideoError;
  /** Offers a "Try again" button inside the alert. */
  onRetry?: () => void;
  /**
   * Offers a "Cancel" button while the image uploads (a real abort). Not offered once the task
   * exists: WaveSpeed cannot cancel it, so it would run and bill anyway.
   */
  onCancel?: () => void;
  labels?: Partial<ImageToVideoLabels>;
}

/**
 * The current stage in words, in a polite live region; a failure in an alert with its human
 * message and a retry action.
 */
export const Status = forwardRef<HTMLDivElement, StatusProps>(function Status(
  {
    status,
    uploadProgress,
    elapsedMs = 0,
    estimateMs = DEFAULT_POLL_SCHEDULE.expectedWindowMs,
    error,
    onRetry,
    onCancel,
    labels,
    ...rest
  },
  ref,
) {
  const l = { ...defaultLabels, ...labels };
  const progress =
    uploadProgress && uploadProgress.total > 0 ? Math.min(1, uploadProgress.loaded / uploadProgress.total) : undefined;
  const failed = status === 'failed' && error;
  return (
    <div ref={ref} data-i2v-part="status" data-status={status} {...rest}>
      {/* The live region is always mounted, so the first change is announced too. */}
      <p role="status" aria-live="polite" data-i2v-part="status-text">
        {l.status(status, { progress, elapsedMs, estimateMs })}
      </p>
      {progress !== undefined && status === 'uploading' ? (
        <progress data-i2v-part="upload-progress" value={progress} max={1} aria-label={l.status('uploading', { elapsedMs, estimateMs })} />
      ) : null}
      {onCancel && status === 'uploading' ? (
        <button type="button" data-i2v-part="cancel" onClick={onCancel}>
          {l.cancel}
        </button>
      ) : null}
      {failed ? (
        <div role="alert" data-i2v-part="error" data-kind={error.kind}>
          <p data-i2v-part="error-message">{l.errorMessage(error)}</p>
          {onRetry ? (
            <button type="button" data-i2v-part="retry" onClick={onRetry}>
              {l.retry}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});
