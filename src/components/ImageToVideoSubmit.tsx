import { forwardRef } from 'react';
import { useImageToVideoContext } from './ImageToVideoContext';
import { SubmitButton, type SubmitButtonProps } from './SubmitButton';
import { useLabels } from './useLabels';

export type ImageToVideoSubmitProps = Omit<SubmitButtonProps, 'blockedReason'>;

/**
 * The Root's submit button: says why it cannot start a job yet (no image, image still being
 * prepared, no prompt, prompt too long, a job running). Props and `ref` go to the `<button>`.
 */
export const ImageToVideoSubmit = forwardRef<HTMLButtonElement, ImageToVideoSubmitProps>(function ImageToVideoSubmit(
  { labels, ...props },
  ref,
) {
  const ctx = useImageToVideoContext('Submit');
  const l = useLabels({ ...ctx.labels, ...labels });
  return <SubmitButton ref={ref} blockedReason={ctx.blocked && l.submitBlocked(ctx.blocked)} labels={l} {...props} />;
});
