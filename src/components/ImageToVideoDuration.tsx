import { forwardRef } from 'react';
import { DurationPicker, type DurationPickerProps } from './DurationPicker';
import { useImageToVideoContext } from './ImageToVideoContext';

export type ImageToVideoDurationProps = Omit<DurationPickerProps, 'value' | 'defaultValue'>;

/**
 * The Root's duration: a `DurationPicker` bound to it (prices with `pricePerFiveSeconds` and
 * `currency`). Disabled while a job runs (unless `disabled` is given). Props and `ref` go to the
 * `DurationPicker`.
 */
export const ImageToVideoDuration = forwardRef<HTMLDivElement, ImageToVideoDurationProps>(function ImageToVideoDuration(
  { onValueChange, labels, ...props },
  ref,
) {
  const ctx = useImageToVideoContext('Duration');
  return (
    <DurationPicker
      ref={ref}
      value={ctx.duration}
      onValueChange={(value) => {
        onValueChange?.(value);
        ctx.setDuration(value);
      }}
      disabled={ctx.state.isRunning}
      labels={{ ...ctx.labels, ...labels }}
      {...props}
    />
  );
});
