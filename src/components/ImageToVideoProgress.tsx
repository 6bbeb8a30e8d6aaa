import { forwardRef } from 'react';
import { useElapsedTime } from '../hooks/index';
import { useImageToVideoContext } from './ImageToVideoContext';
import { JobProgress, type JobProgressProps } from './JobProgress';
import { useLabels } from './useLabels';

export type ImageToVideoProgressProps = Omit<JobProgressProps, 'elapsedMs' | 'estimateMs'>;

/**
 * The Root's job as a `JobProgress` bar while its task is queued or processing (nothing
 * otherwise): full at the end of the window in which jobs like it finish, indeterminate without
 * one. Ticks on its own clock. Props and `ref` go to the progress bar.
 */
export const ImageToVideoProgress = forwardRef<HTMLDivElement, ImageToVideoProgressProps>(function ImageToVideoProgress(
  { labels, ...props },
  ref,
) {
  const { state, labels: rootLabels } = useImageToVideoContext('Progress');
  const l = useLabels({ ...rootLabels, ...labels });
  const taskExists = state.status === 'queued' || state.status === 'processing';
  const elapsedMs = useElapsedTime(state.submittedAt, { running: taskExists });
  if (!taskExists) return null;
  const text = l.statusProgress(state.status, { elapsedMs, estimateMs: state.estimateMs });
  return <JobProgress ref={ref} elapsedMs={elapsedMs} estimateMs={state.estimateMs} valueText={text || undefined} labels={l} {...props} />;
});
