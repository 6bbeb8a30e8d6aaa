import type { VideoDuration, VideoSize } from './submitInputSchema';

/**
 * What to turn into a video. The image may be a Blob/File (uploaded through `transport.upload`,
 * or inlined as a data URI) or a string (an http(s) URL or a data URI).
 */
export interface ImageToVideoRequest {
  image: Blob | string;
  prompt: string;
  /** Default `'1280*720'` (landscape); `'720*1280'` is portrait. */
  size?: VideoSize;
  /** Seconds. Default 5; 10 is billed as two runs. */
  duration?: VideoDuration;
  /**
   * Sends `enable_prompt_optimizer` with the submit. Default: not sent. Sibling Luma models
   * document it; this one does not, so WaveSpeed may ignore it. See `usePromptOptimizer` for an
   * improvement the user can see and edit before paying for the video.
   */
  enablePromptOptimizer?: boolean;
}
