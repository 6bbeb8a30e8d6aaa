import { forwardRef } from 'react';
import { VIDEO_DURATIONS, type VideoDuration } from '../core/index';
import { ChoiceGroup, type ChoiceGroupProps } from './ChoiceGroup';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';

/** WaveSpeed's list price for Ray 2 Flash: $0.20 per 5 s run; 10 s bills as two runs. */
export const DEFAULT_PRICE_PER_FIVE_SECONDS = 0.2;

export interface DurationPickerProps extends ChoiceGroupProps<VideoDuration> {
  /** Price of one 5-second run, shown next to each option. Default `0.2`; `null` hides prices. */
  pricePerFiveSeconds?: number | null;
  /** ISO 4217 currency of the price. Default `'USD'`. */
  currency?: string;
  labels?: Partial<ImageToVideoLabels>;
}

/** 5 s or 10 s, as a radio group, each with its cost. Uncontrolled default `5`. */
export const DurationPicker = forwardRef<HTMLDivElement, DurationPickerProps>(function DurationPicker(
  { pricePerFiveSeconds = DEFAULT_PRICE_PER_FIVE_SECONDS, currency = 'USD', labels, ...props },
  ref,
) {
  const l = useLabels(labels);
  return (
    <ChoiceGroup
      ref={ref}
      part="duration-picker"
      options={VIDEO_DURATIONS}
      fallback={5}
      label={l.duration}
      optionLabel={(seconds) => l.durationOption(seconds as VideoDuration)}
      describe={
        pricePerFiveSeconds == null
          ? undefined
          : (seconds, id) => (
              <span id={id} data-i2v-part="duration-cost">
                {l.cost((pricePerFiveSeconds * (seconds as number)) / 5, currency)}
              </span>
            )
      }
      {...(props as ChoiceGroupProps<string | number>)}
    />
  );
});
