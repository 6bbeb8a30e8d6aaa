import { createContext } from 'react';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { ImageMode } from '../core/ImageMode';
import type { PollScheduleOptions } from '../core/pollSchedule';

/** What `ImageToVideoProvider` supplies to every hook below it. */
export interface ImageToVideoConfig {
  transport: ImageToVideoTransport;
  schedule?: PollScheduleOptions;
  /** Already resolved: `'data-uri'` whenever the transport has no `upload`. */
  imageMode: ImageMode;
}

/** Internal: `null` means "no provider", and the hooks fall back to the defaults. */
export const ImageToVideoConfigContext = createContext<ImageToVideoConfig | null>(null);
