import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext, type RefObject } from 'react';
import type { FramingFit, ImageToVideoTransport, PollScheduleOptions, PreflightFormat, VideoDuration, VideoSize } from '../core/index';
import type { UseImageToVideoResult, UsePromptOptimizerResult } from '../hooks/index';
import type { ImageToVideoLabels, SubmitBlockReason } from './defaultLabels';
import type { ImageSource, PreparedImage } from './ImageInput';

/** What `ImageToVideo.Root` shares with its parts: the job and the form, in one context. */
export interface ImageToVideoContextValue {
  state: UseImageToVideoResult;
  source: ImageSource | null;
  setSource: (source: ImageSource | null) => void;
  prompt: string;
  setPrompt: (prompt: string) => void;
  size: VideoSize;
  setSize: (size: VideoSize) => void;
  duration: VideoDuration;
  setDuration: (duration: VideoDuration) => void;
  /** The image as it will be sent, once prepared for the current source and size. */
  ready: PreparedImage | undefined;
  setPrepared: (prepared: PreparedImage | undefined) => void;
  /** The source as a URL (http(s) or blob:) for previews and the poster. */
  sourceUrl: string | undefined;
  /** Why Submit cannot start a job now; `undefined` when it can. */
  blocked: SubmitBlockReason | undefined;
  fit: FramingFit | undefined;
  format: PreflightFormat | undefined;
  /** Retries the failed job, or submits the form as it is now if it was edited since. */
  retry: () => void;
  formRef: RefObject<HTMLFormElement | null>;
  /** Filled by the Image part, so "Choose another image" can focus it. */
  imageInputRef: RefObject<HTMLDivElement | null>;
  /** Filled by the Prompt part, so "Edit prompt" can focus it. */
  promptRef: RefObject<HTMLTextAreaElement | null>;
  optimizer: UsePromptOptimizerResult;
  transport: ImageToVideoTransport | undefined;
  queryClient: QueryClient | undefined;
  schedule: PollScheduleOptions | undefined;
  /** The Root's `labels`, under each part's own. */
  labels: Partial<ImageToVideoLabels> | undefined;
}

export const ImageToVideoContext = createContext<ImageToVideoContextValue | null>(null);

/** The Root's context; `part` names the caller in the error thrown outside a Root. */
export function useImageToVideoContext(part: string): ImageToVideoContextValue {
  const value = useContext(ImageToVideoContext);
  if (!value) {
    // Outside a Root, the standalone components (ImageInput, SizePicker, Status, …) do the same jobs.
    throw new Error(`<ImageToVideo.${part}> must be inside <ImageToVideo.Root>, which holds the job it shows.`);
  }
  return value;
}
