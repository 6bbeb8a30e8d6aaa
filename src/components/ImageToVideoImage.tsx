import { forwardRef } from 'react';
import { ImageInput, type ImageInputProps } from './ImageInput';
import { useImageToVideoContext } from './ImageToVideoContext';
import { useComposedRefs } from './useComposedRefs';

export type ImageToVideoImageProps = Omit<ImageInputProps, 'value' | 'defaultValue' | 'size' | 'fit' | 'format' | 'onPreparedChange' | 'pasteScope'>;

/**
 * The Root's image: an `ImageInput` bound to its source, prepared for its size, fit and format,
 * taking images pasted anywhere in the Root's form. Disabled while a job runs (unless `disabled`
 * is given). Props and `ref` go to the `ImageInput`.
 */
export const ImageToVideoImage = forwardRef<HTMLDivElement, ImageToVideoImageProps>(function ImageToVideoImage(
  { onValueChange, labels, ...props },
  ref,
) {
  const ctx = useImageToVideoContext('Image');
  const composedRef = useComposedRefs(ctx.imageInputRef, ref);
  return (
    <ImageInput
      ref={composedRef}
      value={ctx.source}
      onValueChange={(value) => {
        onValueChange?.(value);
        ctx.setSource(value);
      }}
      size={ctx.size}
      fit={ctx.fit}
      format={ctx.format}
      onPreparedChange={ctx.setPrepared}
      // "or drop or paste an image here" holds for the whole form, not just the image box.
      pasteScope={ctx.formRef}
      disabled={ctx.state.isRunning}
      labels={{ ...ctx.labels, ...labels }}
      {...props}
    />
  );
});
