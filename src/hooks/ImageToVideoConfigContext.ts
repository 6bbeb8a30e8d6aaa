import { createContext } from 'react';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { ImageMode } from '../core/ImageMode';
import type { PollScheduleOptions } from '../core/pollSchedule';
// Type only: the labels' shape is the components' vocabulary; the provider just carries them.
import type { ImageToVideoLabels } from '../components/defaultLabels';

/** What `ImageToVideoProvider` supplies to every hook below it. */
export interface ImageToVideoConfig {
  transport: ImageToVideoTransport;
  schedule?: PollScheduleOptions;
  /** Already resolved: `'data-uri'` whenever the transport has no `upload`. */
  imageMode: ImageMode;
  /** Overrides of the English defaults for every component below the provider. */
  labels?: Partial<ImageToVideoLabels>;
}

/** Internal: `null` means "no provider", and the hooks fall back to the defaults. */
export const ImageToVideoConfigContext = createContext<ImageToVideoConfig | null>(null);
