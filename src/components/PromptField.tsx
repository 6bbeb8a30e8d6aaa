import { forwardRef, useId, type ComponentPropsWithoutRef, type KeyboardEvent } from 'react';
import { PROMPT_MAX_LENGTH } from '../core/index';
import { composeEventHandlers } from './composeEventHandlers';
import { defaultLabels, type ImageToVideoLabels } from './defaultLabels';
import { useControllableState } from './useControllableState';

export interface PromptFieldProps
  extends Omit<ComponentPropsWithoutRef<'textarea'>, 'value' | 'defaultValue' | 'onChange' | 'maxLength'> {
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
  /** Counted limit; longer text is marked invalid rather than cut off. Default `PROMPT_MAX_LENGTH` (2000). */
  maxLength?: number;
  /**
   * Ctrl+Enter / ⌘+Enter. Default: submits the enclosing form (`requestSubmit`, so its validation
   * and `onSubmit` run).
   */
  onSubmitShortcut?: () => void;
  /** Class for the wrapper that holds label, textarea and count. `className` goes to the textarea. */
  rootClassName?: string;
  labels?: Partial<ImageToVideoLabels>;
}

/**
 * A labelled textarea (accessible name "Prompt") with a character count against the limit.
 * Props, `ref` and handlers go to the `<textarea>`.
 */
export const PromptField = forwardRef<HTMLTextAreaElement, PromptFieldProps>(function PromptField(
  {
    value,
    defaultValue = '',
    onValueChange,
    maxLength = PROMPT_MAX_LENGTH,
    onSubmitShortcut,
    rootClassName,
    labels,
    id,
    onKeyDown,
    'aria-describedby': describedBy,
    ...rest
  },
  ref,
) {
  const l = { ...defaultLabels, ...labels };
  const generated = useId();
  const fieldId = id ?? `${generated}-field`;
  const countId = `${generated}-count`;
  const [text, setText] = useControllableState({ value, defaultValue, onValueChange, name: 'PromptField' });
  const over = text.length > maxLength;
  const handleKeyDown = composeEventHandlers(onKeyDown, (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    if (onSubmitShortcut) onSubmitShortcut();
    else event.currentTarget.form?.requestSubmit();
  });
  return (
    <div data-i2v-part="prompt-field" data-state={over ? 'over-limit' : undefined} className={rootClassName}>
      <label htmlFor={fieldId} data-i2v-part="prompt-label">
        {l.prompt}
      </label>
      <textarea
        ref={ref}
        id={fieldId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={handleKeyDown}
        aria-invalid={over || undefined}
        aria-describedby={[countId, describedBy].filter(Boolean).join(' ')}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        data-i2v-part="prompt"
        {...rest}
      />
      <span id={countId} data-i2v-part="prompt-count" data-state={over ? 'over-limit' : undefined}>
        {l.promptCount(text.length, maxLength)}
      </span>
      {/* Visible hint only; assistive technology gets it from aria-keyshortcuts. */}
      <span data-i2v-part="prompt-hint" aria-hidden="true">
        {l.promptShortcut}
      </span>
    </div>
  );
});
