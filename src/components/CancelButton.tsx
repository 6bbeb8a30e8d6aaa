import { forwardRef, useId, type ComponentPropsWithoutRef } from 'react';
import type { ImageToVideoLabels, StatusStage } from './defaultLabels';

export interface CancelButtonProps extends ComponentPropsWithoutRef<'button'> {
  status: StatusStage;
  labels: ImageToVideoLabels;
}

/**
 * "Cancel" while a job runs, nothing otherwise. Once the task exists canceling only stops
 * watching it (WaveSpeed cannot cancel a task: it may still finish and bill), and the button's
 * description says so.
 */
export const CancelButton = forwardRef<HTMLButtonElement, CancelButtonProps>(function CancelButton(
  { status, labels: l, children, 'aria-describedby': describedBy, ...rest },
  ref,
) {
  const caveatId = useId();
  const running = status === 'uploading' || status === 'submitting' || status === 'queued' || status === 'processing';
  const taskExists = status === 'queued' || status === 'processing';
  if (!running) return null;
  return (
    <>
      <button
        ref={ref}
        type="button"
        data-i2v-part="cancel"
        aria-describedby={[taskExists ? caveatId : undefined, describedBy].filter(Boolean).join(' ') || undefined}
        {...rest}
      >
        {children ?? l.cancel}
      </button>
      {taskExists ? (
        <p id={caveatId} data-i2v-part="cancel-caveat">
          {l.cancelCaveat}
        </p>
      ) : null}
    </>
  );
});
