import { forwardRef } from 'react';
import { useImageToVideoContext } from './ImageToVideoContext';
import { PromptField, type PromptFieldProps } from './PromptField';
import { useComposedRefs } from './useComposedRefs';

export interface ImageToVideoPromptProps
  extends Omit<PromptFieldProps, 'value' | 'defaultValue' | 'onImprove' | 'canImprove' | 'improveStatus' | 'improveError'> {
  /**
   * The "Improve prompt" button (WaveSpeed's prompt optimizer, about $0.001 a use), shown when the
   * transport has `optimizePrompt`; `false` hides it. Default `true`.
   */
  improve?: boolean;
}

/**
 * The Root's prompt: a `PromptField` bound to it, read-only while a job runs, with "Improve
 * prompt" working on the prepared image. Ctrl/⌘+Enter submits the Root. Props and `ref` go to
 * the `PromptField` (`ref` and `className` to its textarea).
 */
export const ImageToVideoPrompt = forwardRef<HTMLTextAreaElement, ImageToVideoPromptProps>(function ImageToVideoPrompt(
  { improve = true, onValueChange, labels, ...props },
  ref,
) {
  const ctx = useImageToVideoContext('Prompt');
  const composedRef = useComposedRefs(ctx.promptRef, ref);
  const { optimizer, ready } = ctx;
  return (
    <PromptField
      ref={composedRef}
      value={ctx.prompt}
      onValueChange={(value) => {
        onValueChange?.(value);
        ctx.setPrompt(value);
      }}
      readOnly={ctx.state.isRunning}
      labels={{ ...ctx.labels, ...labels }}
      // The prepared Blob is the one the submit sends: uploaded for the optimizer, it is not uploaded again.
      onImprove={
        improve && optimizer.isSupported
          ? (text, style) => (ready ? optimizer.optimize({ text, image: ready.image, style }) : Promise.resolve(undefined))
          : undefined
      }
      canImprove={ready !== undefined}
      improveStatus={optimizer.status}
      improveError={optimizer.error}
      {...props}
    />
  );
});
