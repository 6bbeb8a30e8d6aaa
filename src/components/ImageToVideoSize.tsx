import { forwardRef } from 'react';
import { useImageToVideoContext } from './ImageToVideoContext';
import { SizePicker, type SizePickerProps } from './SizePicker';

export type ImageToVideoSizeProps = Omit<SizePickerProps, 'value' | 'defaultValue'>;

/**
 * The Root's size: a `SizePicker` bound to it, its thumbnails showing the chosen image. Disabled
 * while a job runs (unless `disabled` is given). Props and `ref` go to the `SizePicker`.
 */
export const ImageToVideoSize = forwardRef<HTMLDivElement, ImageToVideoSizeProps>(function ImageToVideoSize(
  { onValueChange, labels, ...props },
  ref,
) {
  const ctx = useImageToVideoContext('Size');
  return (
    <SizePicker
      ref={ref}
      value={ctx.size}
      onValueChange={(value) => {
        onValueChange?.(value);
        ctx.setSize(value);
      }}
      imageSrc={ctx.sourceUrl}
      disabled={ctx.state.isRunning}
      labels={{ ...ctx.labels, ...labels }}
      {...props}
    />
  );
});
