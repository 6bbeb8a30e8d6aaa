import { forwardRef } from 'react';
import { VIDEO_SIZES, type VideoSize } from '../core/index';
import { ChoiceGroup, type ChoiceGroupProps } from './ChoiceGroup';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';
import { safeMediaUrl } from './safeMediaUrl';

export interface SizePickerProps extends ChoiceGroupProps<VideoSize> {
  /** An image (http(s) or blob: URL) to show in each option's aspect-ratio thumbnail. */
  imageSrc?: string;
  labels?: Partial<ImageToVideoLabels>;
}

/**
 * Landscape 1280×720 or portrait 720×1280, as a radio group with an aspect-ratio thumbnail per
 * option. Uncontrolled default `'1280*720'`.
 */
export const SizePicker = forwardRef<HTMLDivElement, SizePickerProps>(function SizePicker(
  { imageSrc, labels, ...props },
  ref,
) {
  const l = useLabels(labels);
  const src = safeMediaUrl(imageSrc, true);
  return (
    <ChoiceGroup
      ref={ref}
      part="size-picker"
      options={VIDEO_SIZES}
      fallback="1280*720"
      label={l.size}
      optionLabel={(size) => l.sizeOption(size as VideoSize)}
      decorate={(size) => (
        <span
          aria-hidden="true"
          data-i2v-part="size-thumbnail"
          data-orientation={size === '1280*720' ? 'landscape' : 'portrait'}
        >
          {src ? <img src={src} alt="" /> : null}
        </span>
      )}
      {...(props as ChoiceGroupProps<string | number>)}
    />
  );
});
