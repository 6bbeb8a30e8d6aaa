import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useImageToVideoContext } from './ImageToVideoContext';

export type ImageToVideoResultProps = ComponentPropsWithoutRef<'div'>;

/** A `<div data-i2v-part="result">` grouping the Root's status and player, with the job's `data-status` and the chosen `data-size`. */
export const ImageToVideoResult = forwardRef<HTMLDivElement, ImageToVideoResultProps>(function ImageToVideoResult(props, ref) {
  const { state, size } = useImageToVideoContext('Result');
  return <div ref={ref} data-i2v-part="result" data-status={state.status} data-size={size} {...props} />;
});
