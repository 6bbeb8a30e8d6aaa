import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useImageToVideoContext } from './ImageToVideoContext';

export type ImageToVideoInputsProps = ComponentPropsWithoutRef<'div'>;

/** A `<div data-i2v-part="inputs">` grouping the Root's fields and submit, for the layout (the theme puts it beside the result when there is room). */
export const ImageToVideoInputs = forwardRef<HTMLDivElement, ImageToVideoInputsProps>(function ImageToVideoInputs(props, ref) {
  useImageToVideoContext('Inputs');
  return <div ref={ref} data-i2v-part="inputs" {...props} />;
});
