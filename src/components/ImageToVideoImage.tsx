import { forwardRef } from 'react';
import { ImageInputView, type ImageInputViewProps } from './ImageInputView';
import { useImageToVideoContext } from './ImageToVideoContext';
import { useComposedRefs } from './useComposedRefs';

export type ImageToVideoImageProps = Omit<ImageInputViewProps, 'input'>;

/**
 * The Root's image: the Root's `useImageInput` (bound to its source, prepared for its size, fit
 * and format, taking images pasted anywhere in its form, disabled while a job runs) rendered with
 * the library's markup. Props and `ref` go to the drop zone's `<div>`.
 */
export const ImageToVideoImage = forwardRef<HTMLDivElement, ImageToVideoImageProps>(function ImageToVideoImage({ labels, ...props }, ref) {
  const ctx = useImageToVideoContext('Image');
  const composedRef = useComposedRefs(ctx.imageInputRef, ref);
  return <ImageInputView ref={composedRef} input={ctx.imageInput} labels={{ ...ctx.labels, ...labels }} {...props} />;
});
