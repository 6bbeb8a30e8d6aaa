import { forwardRef, useId, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { useControllableState } from './useControllableState';

export interface ChoiceGroupProps<T extends string | number>
  extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue' | 'onChange' | 'children'> {
  value?: T;
  defaultValue?: T;
  onValueChange?: (value: T) => void;
  /** Native radio `name`; defaults to a generated one. */
  name?: string;
  disabled?: boolean;
}

interface InternalProps<T extends string | number> extends ChoiceGroupProps<T> {
  part: string;
  options: readonly T[];
  fallback: T;
  label: string;
  optionLabel: (option: T) => string;
  /** Rendered after the label inside each option, outside its accessible name. */
  describe?: (option: T, id: string) => ReactNode;
  /** Rendered before the radio's visible label, hidden from assistive technology. */
  decorate?: (option: T) => ReactNode;
}

/**
 * A radio group of real `<input type="radio">`s sharing a name, so arrow keys, form submission
 * and screen readers work the native way. Shared by SizePicker and DurationPicker.
 */
export const ChoiceGroup = forwardRef<HTMLDivElement, InternalProps<string | number>>(function ChoiceGroup(
  {
    part,
    options,
    fallback,
    label,
    optionLabel,
    describe,
    decorate,
    value,
    defaultValue,
    onValueChange,
    name,
    disabled,
    ...rest
  },
  ref,
) {
  const id = useId();
  const [current, setCurrent] = useControllableState({
    value,
    defaultValue: defaultValue ?? fallback,
    onValueChange,
    name: part,
  });
  return (
    <div
      role="radiogroup"
      aria-label={label}
      data-i2v-part={part}
      data-disabled={disabled ? '' : undefined}
      ref={ref}
      {...rest}
    >
      {options.map((option) => {
        const checked = option === current;
        const state = checked ? 'checked' : 'unchecked';
        const nameId = `${id}-${option}`;
        const descriptionId = `${id}-${option}-d`;
        const description = describe?.(option, descriptionId);
        return (
          <label key={option} data-i2v-part={`${part}-option`} data-state={state} data-disabled={disabled ? '' : undefined}>
            <input
              type="radio"
              name={name ?? id}
              value={String(option)}
              checked={checked}
              disabled={disabled}
              aria-labelledby={nameId}
              aria-describedby={description ? descriptionId : undefined}
              data-state={state}
              onChange={() => setCurrent(option)}
            />
            {decorate?.(option)}
            <span id={nameId} data-i2v-part={`${part}-label`}>
              {optionLabel(option)}
            </span>
            {description}
          </label>
        );
      })}
    </div>
  );
});
