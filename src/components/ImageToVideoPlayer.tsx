import { forwardRef } from 'react';
import { useImageToVideoContext } from './ImageToVideoContext';
import { PredictionPlayer, type PredictionPlayerProps } from './PredictionPlayer';

export type ImageToVideoPlayerProps = Omit<PredictionPlayerProps, 'state' | 'prediction' | 'predictionId' | 'transport' | 'queryClient' | 'schedule'>;

/**
 * The Root's result as a `PredictionPlayer` (the image while the job runs, then the video), with
 * the Root's transport and query client. Before anything is submitted it renders an empty
 * `data-i2v-part="stage"` element instead, with `data-size`, so the theme can reserve the chosen
 * aspect ratio and nothing jumps when the job starts. Props and `ref` go to whichever is shown.
 */
export const ImageToVideoPlayer = forwardRef<HTMLDivElement, ImageToVideoPlayerProps>(function ImageToVideoPlayer(
  { poster, autoPlay, labels, ...props },
  ref,
) {
  const ctx = useImageToVideoContext('Player');
  if (ctx.state.status === 'idle') return <div ref={ref} data-i2v-part="stage" data-size={ctx.size} {...props} />;
  return (
    <PredictionPlayer
      ref={ref}
      state={ctx.state}
      poster={poster ?? ctx.sourceUrl}
      autoPlay={autoPlay}
      transport={ctx.transport}
      queryClient={ctx.queryClient}
      schedule={ctx.schedule}
      labels={{ ...ctx.labels, ...labels }}
      {...props}
    />
  );
});
