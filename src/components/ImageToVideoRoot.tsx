import type { QueryClient } from '@tanstack/react-query';
import { forwardRef, useEffect, useRef, useState, type ComponentPropsWithoutRef, type FormEvent } from 'react';
import {
  type FramingFit,
  type ImageMode,
  type ImageToVideoError,
  type ImageToVideoRequest,
  type ImageToVideoTransport,
  type PollScheduleOptions,
  type Prediction,
  type PreflightFormat,
  PROMPT_MAX_LENGTH,
  type SubmitInput,
  type VideoDuration,
  type VideoSize,
} from '../core/index';
import { useImageToVideo, usePromptOptimizer } from '../hooks/index';
import { composeEventHandlers } from './composeEventHandlers';
import type { ImageToVideoLabels, SubmitBlockReason } from './defaultLabels';
import type { ImageSource } from './ImageInput';
import { useImageInput } from './useImageInput';
import { ImageToVideoContext, type ImageToVideoContextValue } from './ImageToVideoContext';
import { parsePersistedJob, serializePersistedJob } from './persistedJob';
import { useComposedRefs } from './useComposedRefs';
import { useControllableState } from './useControllableState';
import { useObjectUrl } from './useObjectUrl';

export interface ImageToVideoRootProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onError' | 'onDurationChange'> {
  /** Default: the provider's, else the proxy transport on `/api/wavespeed`. */
  transport?: ImageToVideoTransport;
  /** Default: the host's, from `QueryClientProvider`. */
  queryClient?: QueryClient;
  /** Default: the provider's, else `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Default: the provider's, else `'upload'`. */
  imageMode?: ImageMode;

  image?: ImageSource | null;
  /** Default `null`. */
  defaultImage?: ImageSource | null;
  onImageChange?: (image: ImageSource | null) => void;
  prompt?: string;
  /** Default `''`. */
  defaultPrompt?: string;
  onPromptChange?: (prompt: string) => void;
  size?: VideoSize;
  /** Default `'1280*720'`. */
  defaultSize?: VideoSize;
  onSizeChange?: (size: VideoSize) => void;
  duration?: VideoDuration;
  /** Default 5. */
  defaultDuration?: VideoDuration;
  onDurationChange?: (duration: VideoDuration) => void;

  onSubmitted?: (prediction: Prediction, input: SubmitInput) => void;
  onCompleted?: (prediction: Prediction) => void;
  onError?: (error: ImageToVideoError) => void;

  /** How the image is framed to the size. Default `'cover'`. */
  fit?: FramingFit;
  /** Default `'jpeg'`. */
  format?: PreflightFormat;
  /** Sends `enable_prompt_optimizer: true` with the submit; WaveSpeed may ignore it for this model. Default `false` (not sent). */
  enablePromptOptimizer?: boolean;
  /**
   * Remember the running job in `sessionStorage` so a reload resumes watching it (a paid job is
   * not lost) and refills the form with what was submitted (uploaded image URL, prompt, size,
   * duration). `true` uses the key `'react-image-to-video:job'`; a string is the key. Default `true`.
   */
  persist?: boolean | string;
  /** Strings for every part inside, over the provider's; each part's own `labels` wins. Default none. */
  labels?: Partial<ImageToVideoLabels>;
  /** Opts out of the optional theme (`styles.css`) for this instance. Default `false`. */
  unstyled?: boolean;
}

const DEFAULT_PERSIST_KEY = 'react-image-to-video:job';

function sameRequest(a: ImageToVideoRequest | undefined, b: ImageToVideoRequest): boolean {
  return !!a && a.image === b.image && a.prompt === b.prompt && a.size === b.size && a.duration === b.duration;
}

function writeStorage(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage can be disabled or full; resuming is a nicety.
  }
}

/**
 * The `<form>` of the compound parts: owns the job (`useImageToVideo`) and the form's state
 * (image, prompt, size, duration, the prepared image) and shares them with the `ImageToVideo.*`
 * parts inside, laid out in any markup. Publishes `data-status` and `data-size`.
 */
export const ImageToVideoRoot = forwardRef<HTMLFormElement, ImageToVideoRootProps>(function ImageToVideoRoot(
  {
    transport,
    queryClient,
    schedule,
    imageMode,
    image,
    defaultImage = null,
    onImageChange,
    prompt: promptProp,
    defaultPrompt = '',
    onPromptChange,
    size: sizeProp,
    defaultSize = '1280*720',
    onSizeChange,
    duration: durationProp,
    defaultDuration = 5,
    onDurationChange,
    onSubmitted,
    onCompleted,
    onError,
    fit,
    format,
    enablePromptOptimizer = false,
    persist = true,
    labels,
    unstyled,
    onSubmit,
    children,
    ...rest
  },
  ref,
) {
  const persistKey = persist === false ? undefined : persist === true ? DEFAULT_PERSIST_KEY : persist;
  const [source, setSource] = useControllableState({ value: image, defaultValue: defaultImage, onValueChange: onImageChange, name: 'ImageToVideo image' });
  const [prompt, setPrompt] = useControllableState({ value: promptProp, defaultValue: defaultPrompt, onValueChange: onPromptChange, name: 'ImageToVideo prompt' });
  const [size, setSize] = useControllableState({ value: sizeProp, defaultValue: defaultSize, onValueChange: onSizeChange, name: 'ImageToVideo size' });
  const [duration, setDuration] = useControllableState({ value: durationProp, defaultValue: defaultDuration, onValueChange: onDurationChange, name: 'ImageToVideo duration' });
  const [resumeId, setResumeId] = useState<string>();
  const imageInputRef = useRef<HTMLDivElement>(null);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const composedRef = useComposedRefs(formRef, ref);

  // Read after mount: the server and the first client render must agree (nothing to resume).
  useEffect(() => {
    if (!persistKey) return;
    try {
      const saved = sessionStorage.getItem(persistKey);
      const job = saved ? parsePersistedJob(saved) : undefined;
      if (!job) return;
      // Set in an effect because sessionStorage exists only after mount.
      setResumeId(job.id);
      // The form shows what the resumed job is making, not an empty form with defaults.
      if (job.image !== undefined) setSource(job.image);
      if (job.prompt !== undefined) setPrompt(job.prompt);
      if (job.size !== undefined) setSize(job.size);
      if (job.duration !== undefined) setDuration(job.duration);
    } catch {
      // Storage can be disabled (privacy modes); resuming is a nicety.
    }
    // Only a new key means another job to resume; the setters are read as they were at mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [persistKey]);

  const state = useImageToVideo({
    transport,
    queryClient,
    schedule,
    imageMode,
    predictionId: resumeId,
    onSubmitted: (prediction, input) => {
      if (persistKey) writeStorage(persistKey, serializePersistedJob(prediction.id, input));
      onSubmitted?.(prediction, input);
    },
    onCompleted,
    onError,
  });

  // Forget the job once it settles, so a later reload does not resume a finished one.
  const settled = state.status === 'completed' || state.status === 'failed' || state.status === 'canceled';
  useEffect(() => {
    if (persistKey && settled) writeStorage(persistKey, undefined);
  }, [persistKey, settled]);

  const optimizer = usePromptOptimizer({ transport, queryClient });
  const sourceUrl = useObjectUrl(source instanceof Blob ? source : undefined) ?? (typeof source === 'string' ? source : undefined);
  // Owned here, not mirrored from the Image part: the prepared image is ready in the same render
  // the input says so. "or drop or paste an image here" holds for the whole form.
  const imageInput = useImageInput({ value: source, onValueChange: setSource, size, fit, format, pasteScope: formRef, disabled: state.isRunning, labels });
  const ready = imageInput.prepared;

  // A submit (and an improvement: the same steps) loads on first use; an image chosen is the first
  // sign one is coming, so its code starts loading then (while the image is still being prepared)
  // and the click does not wait.
  const hasImage = !!source || imageInput.status === 'preparing';
  const { preload } = state;
  useEffect(() => {
    if (!hasImage) return;
    preload();
  }, [hasImage, preload]);

  let blocked: SubmitBlockReason | undefined;
  if (state.isRunning) blocked = 'running';
  else if (!source) blocked = 'no-image';
  else if (!ready) blocked = 'preparing-image';
  else if (!prompt.trim()) blocked = 'no-prompt';
  else if (prompt.length > PROMPT_MAX_LENGTH) blocked = 'prompt-too-long';

  const request = (): ImageToVideoRequest | undefined =>
    ready ? { image: ready.image, prompt, size, duration, ...(enablePromptOptimizer ? { enablePromptOptimizer } : {}) } : undefined;

  const handleSubmit = composeEventHandlers(onSubmit, (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = request();
    if (blocked || !next) return;
    void state.submit(next);
  });

  function retry() {
    const next = request();
    // Unchanged since the failure: retry reuses the uploaded image. Edited: submit what is there now.
    if (!next || sameRequest(state.input, next)) void state.retry();
    else void state.submit(next);
  }

  const context: ImageToVideoContextValue = {
    state,
    source,
    setSource,
    prompt,
    setPrompt,
    size,
    setSize,
    duration,
    setDuration,
    ready,
    imageInput,
    sourceUrl,
    blocked,
    fit,
    format,
    retry,
    formRef,
    imageInputRef,
    promptRef,
    optimizer,
    transport,
    queryClient,
    schedule,
    labels,
  };

  return (
    <form
      ref={composedRef}
      noValidate
      data-i2v-part="root"
      data-status={state.status}
      data-size={size}
      data-i2v-unstyled={unstyled ? '' : undefined}
      onSubmit={handleSubmit}
      {...rest}
    >
      <ImageToVideoContext.Provider value={context}>{children}</ImageToVideoContext.Provider>
    </form>
  );
});
