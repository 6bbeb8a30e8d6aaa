import { useCallback, useEffect, useState } from 'react';

export interface ControllableStateOptions<T> {
  value?: T;
  defaultValue: T;
  onValueChange?: (value: T) => void;
  /** Used in the dev warning. */
  name?: string;
}

/**
 * One value that is either owned by the parent (`value` given) or kept here (`defaultValue`),
 * reporting every change through `onValueChange` in both modes.
 */
export function useControllableState<T>({
  value,
  defaultValue,
  onValueChange,
  name = 'component',
}: ControllableStateOptions<T>): [T, (next: T) => void] {
  const [own, setOwn] = useState(defaultValue);
  const controlled = value !== undefined;
  const [initiallyControlled] = useState(controlled);
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' && initiallyControlled !== controlled) {
      console.warn(`react-image-to-video: ${name} switched between controlled and uncontrolled. Pass \`value\` always or never.`);
    }
  }, [initiallyControlled, controlled, name]);
  const set = useCallback(
    (next: T) => {
      if (!controlled) setOwn(next);
      onValueChange?.(next);
    },
    [controlled, onValueChange],
  );
  return [controlled ? (value as T) : own, set];
}
