import { forwardRef, useId, type ComponentPropsWithoutRef, type MouseEvent } from 'react';
import { composeEventHandlers } from './composeEventHandlers';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';

export interface SubmitButtonProps extends ComponentPropsWithoutRef<'button'> {
  /**
   * Why it cannot be pressed yet. When set the button stays focusable (so the reason can be found
   * by keyboard and screen reader) but is `aria-disabled` and does nothing.
   */
  blockedReason?: string;
  labels?: Partial<ImageToVideoLabels>;
}

/** "Generate video": a real submit button that explains itself while it cannot be used and ignores double clicks. */
export const SubmitButton = forwardRef<HTMLButtonElement, SubmitButtonProps>(function SubmitButton(
  { blockedReason, labels, children, onClick, type = 'submit', 'aria-describedby': describedBy, ...rest },
  ref,
) {
  const l = useLabels(labels);
  const reasonId = useId();
  const blocked = Boolean(blockedReason);
  const handleClick = composeEventHandlers(onClick, (event: MouseEvent<HTMLButtonElement>) => {
    // A blocked button must not submit its form, and neither may the second click of a double
    // click (`detail` counts consecutive clicks; keyboard activation reports 0): a fast job may
    // already be over by then, so "ignored while running" alone would start a second one.
    if (blocked || event.detail > 1) event.preventDefault();
  });
  return (
    <>
      <button
        ref={ref}
        type={type}
        aria-disabled={blocked || undefined}
        aria-describedby={[blocked ? reasonId : undefined, describedBy].filter(Boolean).join(' ') || undefined}
        data-i2v-part="submit"
        data-disabled={blocked ? '' : undefined}
        onClick={handleClick}
        {...rest}
      >
        {children ?? l.submit}
      </button>
      {blocked ? (
        <span id={reasonId} data-i2v-part="submit-reason">
          {blockedReason}
        </span>
      ) : null}
    </>
  );
});
