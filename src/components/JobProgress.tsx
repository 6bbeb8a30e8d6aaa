import { forwardRef, type ComponentPropsWithoutRef, type CSSProperties } from 'react';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';

export interface JobProgressProps extends ComponentPropsWithoutRef<'div'> {
  /** Time since the job was accepted (tick it with `useElapsedTime`). */
  elapsedMs: number;
  /**
   * When a finish is likely, in ms after acceptance, measured on real jobs (the hook's
   * `estimateMs`). Default none: the bar is indeterminate rather than filled by a guess.
   */
  estimateMs?: readonly [number, number];
  /** What the bar says to assistive technology; default the labels' `statusProgress` for `processing`. */
  valueText?: string;
  labels?: Partial<Pick<ImageToVideoLabels, 'progress' | 'statusProgress'>>;
}

/** Below 100: a running job is never shown as done. */
const MAX_RUNNING_PERCENT = 99;

/**
 * How far the job probably is, as a `progressbar`: full at the end of the measured window in
 * which jobs like it finish. Without a measured window, or once past it, the bar is indeterminate
 * (no `aria-valuenow`, `data-state="indeterminate"` / `"overdue"`): it never pretends to know.
 * Not a live region: it changes every second.
 */
export const JobProgress = forwardRef<HTMLDivElement, JobProgressProps>(function JobProgress(
  { elapsedMs, estimateMs, valueText, labels, style, ...rest },
  ref,
) {
  const l = useLabels(labels);
  const end = estimateMs?.[1];
  const known = end !== undefined && end > 0 && elapsedMs <= end;
  const percent = known ? Math.min(MAX_RUNNING_PERCENT, Math.floor((elapsedMs / end) * 100)) : undefined;
  const state = known ? 'estimating' : end === undefined ? 'indeterminate' : 'overdue';
  return (
    <div
      ref={ref}
      role="progressbar"
      aria-label={l.progress}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText ?? l.statusProgress('processing', { elapsedMs, estimateMs })}
      data-i2v-part="job-progress"
      data-state={state}
      style={percent === undefined ? style : ({ '--i2v-progress': `${percent}%`, ...style } as CSSProperties)}
      {...rest}
    >
      <div data-i2v-part="job-progress-bar" />
    </div>
  );
});
