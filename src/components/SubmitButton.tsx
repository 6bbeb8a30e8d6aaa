import { forwardRef, useId, type ComponentPropsWithoutRef, type MouseEvent } from 'react';
import { composeEventHandlers } from './composeEventHandlers';
import { defaultLabels, type ImageToVideoLabels } from './defaultLabels';

export interface SubmitButtonProps extends ComponentPropsWithoutRef<'button'> {
  /**
   * Why it cannot be pressed yet. When set the button stays focusable (so the reason can be found
   * by keyboard and screen reader) but is `aria-disabled` and does nothing.
   */
  blockedReason?: string;
  labels?: Partial<ImageToVideoLabels>;
}

/** "Generate video": a real submit button that explains itself while it cannot be used. */
export const SubmitButton = forwardRef<HTMLButtonElement, SubmitButtonProps>(function SubmitButton(
  { blockedReason, labels, children, onClick, type = 'submit', 'aria-describedby': describedBy, ...rest },
  ref,
) {
  const l = { ...defaultLabels, ...labels };
  const reasonId = useId();
  const blocked = Boolean(blockedReason);
  const handleClick = composeEventHandlers(onClick, (event: MouseEvent<HTMLButtonElement>) => {
    // A blocked button must not submit its form.
    if (blocked) event.preventDefault();
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
