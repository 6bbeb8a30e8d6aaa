import { forwardRef, useId, useState, type ComponentPropsWithoutRef, type KeyboardEvent } from 'react';
import { PROMPT_MAX_LENGTH, PROMPT_STYLES, type ImageToVideoError, type PromptStyle } from '../core/index';
import type { PromptOptimizerStatus } from '../hooks/index';
import { composeEventHandlers } from './composeEventHandlers';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';
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
  /**
   * Shows the "Improve prompt" button. Called with the text and the chosen style; resolves with
   * the improved prompt, which replaces the text (one Undo, or Ctrl/⌘+Z, brings the original
   * back), or `undefined` to leave the text as it is. Typically `usePromptOptimizer().optimize`
   * bound to the chosen image. Default: no button.
   */
  onImprove?: (text: string, style: PromptStyle) => Promise<string | undefined>;
  /** Whether improving is possible apart from having text (an image is chosen, nothing runs). Default `true`. */
  canImprove?: boolean;
  /** The optimizer's state (`usePromptOptimizer().status`): shows progress and, after `error`, why. */
  improveStatus?: PromptOptimizerStatus;
  /** Why the last improvement failed; announced with the reassurance that the prompt is unchanged. */
  improveError?: ImageToVideoError;
  /** Offers the optimizer's style choice beside the button. Default `true`. */
  improveStyleChoice?: boolean;
}

/** An improvement that can still be taken back: until the text is edited, undo restores `original`. */
interface Rewrite {
  original: string;
  improved: string;
}

/**
 * A labelled textarea (accessible name "Prompt") with a character count against the limit, and,
 * given `onImprove`, an "Improve prompt" button that rewrites the text in place with one-step undo.
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
    onImprove,
    canImprove = true,
    improveStatus = 'idle',
    improveError,
    improveStyleChoice = true,
    id,
    onKeyDown,
    readOnly,
    'aria-describedby': describedBy,
    ...rest
  },
  ref,
) {
  const l = useLabels(labels);
  const generated = useId();
  const fieldId = id ?? `${generated}-field`;
  const countId = `${generated}-count`;
  const [text, setText] = useControllableState({ value, defaultValue, onValueChange, name: 'PromptField' });
  const over = text.length > maxLength;
  const [style, setStyle] = useState<PromptStyle>('default');
  const [rewrite, setRewrite] = useState<Rewrite>();
  const [notice, setNotice] = useState<'improved' | 'restored'>();
  const improving = improveStatus === 'uploading' || improveStatus === 'optimizing';
  // Only the untouched rewrite can be undone: once edited, undo would throw the edits away.
  const undoable = rewrite !== undefined && rewrite.improved === text ? rewrite : undefined;

  async function improve() {
    if (!onImprove) return;
    const original = text;
    setNotice(undefined);
    const improved = await onImprove(original, style);
    if (improved === undefined) return;
    setText(improved);
    setRewrite({ original, improved });
    setNotice('improved');
  }

  function undo() {
    if (!undoable) return;
    setText(undoable.original);
    setRewrite(undefined);
    setNotice('restored');
  }

  let announcement = '';
  if (improving) announcement = l.improvingPrompt;
  else if (improveStatus === 'error' && improveError) announcement = l.improvePromptError(improveError);
  else if (notice === 'improved' && undoable) announcement = l.promptImproved;
  else if (notice === 'restored') announcement = l.promptRestored;

  const handleKeyDown = composeEventHandlers(onKeyDown, (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // The browser's own undo cannot see a value set by script: Ctrl/⌘+Z takes the rewrite back.
    if (undoable && event.key.toLowerCase() === 'z' && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      undo();
      return;
    }
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
        // Held still while the optimizer works, so its answer never overwrites fresh typing.
        readOnly={readOnly || improving}
        aria-busy={improving || undefined}
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
      {onImprove ? (
        <div data-i2v-part="prompt-tools" data-state={improving ? 'pending' : undefined}>
          {improveStyleChoice ? (
            <label data-i2v-part="prompt-style">
              <span>{l.promptStyle}</span>
              <select value={style} onChange={(event) => setStyle(event.target.value as PromptStyle)} disabled={improving}>
                {PROMPT_STYLES.map((option) => (
                  <option key={option} value={option}>
                    {l.promptStyleOption(option)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button
            type="button"
            data-i2v-part="improve-prompt"
            data-state={improving ? 'pending' : undefined}
            aria-busy={improving || undefined}
            disabled={!canImprove || readOnly || improving || !text.trim() || over}
            onClick={() => void improve()}
          >
            {l.improvePrompt}
          </button>
          {undoable ? (
            <button type="button" data-i2v-part="undo-improve-prompt" aria-keyshortcuts="Control+Z Meta+Z" onClick={undo}>
              {l.undoImprovePrompt}
            </button>
          ) : null}
          {/* A live region without the status role: the drop-in's job status stays the one "status". */}
          <span aria-live="polite" aria-atomic="true" data-i2v-part="prompt-announcement" data-state={improveStatus === 'error' && !improving ? 'error' : undefined}>
            {announcement}
          </span>
        </div>
      ) : null}
    </div>
  );
});
