import { createContext } from 'react';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';

/** How images reach the model: uploaded first (a URL is sent), or inlined in the submit body. */
export type ImageMode = 'upload' | 'data-uri';

/** What `ImageToVideoProvider` supplies to every hook below it. */
export interface ImageToVideoConfig {
  transport: ImageToVideoTransport;
  schedule?: PollScheduleOptions;
  /** Already resolved: `'data-uri'` whenever the transport has no `upload`. */
  imageMode: ImageMode;
}

/** Internal: `null` means "no provider", and the hooks fall back to the defaults. */
export const ImageToVideoConfigContext = createContext<ImageToVideoConfig | null>(null);
