import { forwardRef, useEffect, useRef, type ComponentPropsWithoutRef } from 'react';
import type { PreparedImage } from '../hooks/index';
import { ImageInputView } from './ImageInputView';
import { useImageInput, type UseImageInputOptions } from './useImageInput';

// Where these types lived before the hooks; kept importable from here.
export type { ImageSource, PreparedImage } from '../hooks/index';
export type { ImageRejection } from './useImageInput';

export interface ImageInputProps
  extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue' | 'onChange'>,
    UseImageInputOptions {
  /**
   * Called with the prepared image whenever it changes (new source or new size), `undefined` while
   * none is ready. It arrives after the render that shows it: a parent that needs the prepared
   * image in the same render owns `useImageInput` and renders `ImageInputView` instead.
   */
  onPreparedChange?: (prepared: PreparedImage | undefined) => void;
}

/**
 * Choose an image by click, keyboard, drag and drop or paste, or paste its URL. Shows a preview
 * framed as it will be sent; refuses bad files with a typed reason and keeps what was there.
 * `useImageInput` and `ImageInputView` in one.
 */
export const ImageInput = forwardRef<HTMLDivElement, ImageInputProps>(function ImageInput(
  {
    value,
    defaultValue,
    onValueChange,
    size,
    fit,
    format,
    maxBytes,
    minDimension,
    preflight,
    loadUrl,
    onPreparedChange,
    onReject,
    disabled,
    pasteScope,
    labels,
    ...rest
  },
  ref,
) {
  const input = useImageInput({
    value,
    defaultValue,
    onValueChange,
    size,
    fit,
    format,
    maxBytes,
    minDimension,
    preflight,
    loadUrl,
    onReject,
    disabled,
    pasteScope,
    labels,
  });

  const onPreparedRef = useRef(onPreparedChange);
  useEffect(() => {
    onPreparedRef.current = onPreparedChange;
  });
  const { prepared } = input;
  useEffect(() => {
    onPreparedRef.current?.(prepared);
  }, [prepared]);

  return <ImageInputView ref={ref} input={input} labels={labels} {...rest} />;
});
