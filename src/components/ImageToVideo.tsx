import { forwardRef } from 'react';
import { ImageToVideoCancel } from './ImageToVideoCancel';
import { ImageToVideoDuration } from './ImageToVideoDuration';
import { ImageToVideoImage } from './ImageToVideoImage';
import { ImageToVideoInputs } from './ImageToVideoInputs';
import { ImageToVideoJobStatus } from './ImageToVideoJobStatus';
import { ImageToVideoPlayer } from './ImageToVideoPlayer';
import { ImageToVideoProgress } from './ImageToVideoProgress';
import { ImageToVideoPrompt } from './ImageToVideoPrompt';
import { ImageToVideoResult } from './ImageToVideoResult';
import { ImageToVideoRoot, type ImageToVideoRootProps } from './ImageToVideoRoot';
import { ImageToVideoSize } from './ImageToVideoSize';
import { ImageToVideoSubmit } from './ImageToVideoSubmit';

export interface ImageToVideoProps extends Omit<ImageToVideoRootProps, 'children'> {
  /** Price of a 5 s run shown beside each duration. Default `0.2`; `null` hides it. */
  pricePerFiveSeconds?: number | null;
  /** Default `'USD'`. */
  currency?: string;
  /**
   * The "Improve prompt" button (WaveSpeed's prompt optimizer, about $0.001 a use). Shown when
   * the transport has `optimizePrompt`; `false` hides it. Default `true`.
   */
  improvePrompt?: boolean;
}

/**
 * The whole flow in one component: choose an image, write a prompt, pick the frame and length,
 * generate, watch, play. Works with no props inside an `ImageToVideoProvider` (and a
 * `QueryClientProvider`). It is the compound parts in their default layout; to lay them out
 * yourself, compose `ImageToVideo.Root` with `ImageToVideo.Image`, `.Size`, `.Duration`,
 * `.Prompt`, `.Submit`, `.Status`, `.Progress`, `.Cancel` and `.Player`.
 */
const ImageToVideoPreset = forwardRef<HTMLFormElement, ImageToVideoProps>(function ImageToVideo(
  { pricePerFiveSeconds, currency, improvePrompt = true, ...rootProps },
  ref,
) {
  return (
    <ImageToVideoRoot ref={ref} {...rootProps}>
      <ImageToVideoInputs>
        <ImageToVideoImage />
        <ImageToVideoSize />
        <ImageToVideoDuration pricePerFiveSeconds={pricePerFiveSeconds} currency={currency} />
        <ImageToVideoPrompt improve={improvePrompt} />
        <ImageToVideoSubmit />
      </ImageToVideoInputs>
      <ImageToVideoResult>
        <ImageToVideoJobStatus>
          <ImageToVideoProgress />
          <ImageToVideoCancel />
        </ImageToVideoJobStatus>
        <ImageToVideoPlayer />
      </ImageToVideoResult>
    </ImageToVideoRoot>
  );
});

export const ImageToVideo = Object.assign(ImageToVideoPreset, {
  Root: ImageToVideoRoot,
  Inputs: ImageToVideoInputs,
  Image: ImageToVideoImage,
  Size: ImageToVideoSize,
  Duration: ImageToVideoDuration,
  Prompt: ImageToVideoPrompt,
  Submit: ImageToVideoSubmit,
  Result: ImageToVideoResult,
  Status: ImageToVideoJobStatus,
  Progress: ImageToVideoProgress,
  Cancel: ImageToVideoCancel,
  Player: ImageToVideoPlayer,
});
