import type { QueryClient } from '@tanstack/react-query';
import { forwardRef, useEffect, useRef, useState, type ComponentPropsWithoutRef, type FormEvent, type ReactNode } from 'react';
import {
  type FramingFit,
  type ImageToVideoError,
  type ImageToVideoTransport,
  type PollScheduleOptions,
  type Prediction,
  type PreflightFormat,
  PROMPT_MAX_LENGTH,
  type SubmitInput,
  type VideoDuration,
  type VideoSize,
  type ImageMode,
  type ImageToVideoRequest,
} from '../core/index';
import {
  useElapsedTime,
  useImageToVideo,
  type UseImageToVideoResult,
  usePromptOptimizer,
} from '../hooks/index';
import { defaultLabels, type ImageToVideoLabels, type SubmitBlockReason } from './defaultLabels';
import { DurationPicker } from './DurationPicker';
import { ImageInput, type ImageSource, type PreparedImage } from './ImageInput';
import { PredictionPlayer } from './PredictionPlayer';
import { PromptField } from './PromptField';
import { SizePicker } from './SizePicker';
import { Status, type StatusProps } from './Status';
import { SubmitButton } from './SubmitButton';
import { useControllableState } from './useControllableState';
import { useObjectUrl } from './useObjectUrl';
import { parsePersistedJob, serializePersistedJob } from './persistedJob';

/** Keys of the `classNames` map: one per part. */
export type ImageToVideoPart =
  | 'root'
  | 'imageInput'
  | 'sizePicker'
  | 'durationPicker'
  | 'promptField'
  | 'submit'
  | 'status'
  | 'player';

/** What the `children` render function receives to lay the parts out itself. */
export interface ImageToVideoSlots {
  state: UseImageToVideoResult;
  parts: Record<Exclude<ImageToVideoPart, 'root'>, ReactNode>;
}

export interface ImageToVideoProps
  extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'onError' | 'children' | 'onDurationChange'> {
  /** Default: the provider's, else the proxy transport on `/api/wavespeed`. */
  transport?: ImageToVideoTransport;
  queryClient?: QueryClient;
  schedule?: PollScheduleOptions;
  imageMode?: ImageMode;

  image?: ImageSource | null;
  defaultImage?: ImageSource | null;
  onImageChange?: (image: ImageSource | null) => void;
  prompt?: string;
  defaultPrompt?: string;
  onPromptChange?: (prompt: string) => void;
  /** Default `'1280*720'`. */
  size?: VideoSize;
  defaultSize?: VideoSize;
  onSizeChange?: (size: VideoSize) => void;
  /** Default 5. */
  duration?: VideoDuration;
  defaultDuration?: VideoDuration;
  onDurationChange?: (duration: VideoDuration) => void;

  onSubmitted?: (prediction: Prediction, input: SubmitInput) => void;
  onCompleted?: (prediction: Prediction) => void;
  onError?: (error: ImageToVideoError) => void;

  /** Price of a 5 s run shown beside each duration. Default `0.2`; `null` hides it. */
  pricePerFiveSeconds?: number | null;
  /** Default `'USD'`. */
  currency?: string;
  /** How the image is framed to the size. Default `'cover'`. */
  fit?: FramingFit;
  /** Default `'jpeg'`. */
  format?: PreflightFormat;
  /**
   * The "Improve prompt" button (WaveSpeed's prompt optimizer, about $0.001 a use). Shown when
   * the transport has `optimizePrompt`; `false` hides it. Default `true`.
   */
  improvePrompt?: boolean;
  /** Sends `enable_prompt_optimizer: true` with the submit; WaveSpeed may ignore it for this model. Default `false` (not sent). */
  enablePromptOptimizer?: boolean;

  /**
   * Remember the running job in `sessionStorage` so a reload resumes watching it (a paid job is
   * not lost) and refills the form with what was submitted (uploaded image URL, prompt, size, duration). `true` uses the key `'react-image-to-video:job'`; a string is the key. Default `true`.
   */
  persist?: boolean | string;
  labels?: Partial<ImageToVideoLabels>;
  /** Extra class per part. */
  classNames?: Partial<Record<ImageToVideoPart, string>>;
  /** Opts out of the optional theme (`styles.css`) for this instance. */
  unstyled?: boolean;
  /** Replaces the player. */
  renderPlayer?: (state: UseImageToVideoResult, poster: string | undefined) => ReactNode;
  /** Lays the parts out yourself; by default they render in order. */
  children?: (slots: ImageToVideoSlots) => ReactNode;
}

const DEFAULT_PERSIST_KEY = 'react-image-to-video:job';

function sameRequest(a: ImageToVideoRequest | undefined, b: ImageToVideoRequest): boolean {
  return !!a && a.image === b.image && a.prompt === b.prompt && a.size === b.size && a.duration === b.duration;
}

/**
 * The whole flow in one component: choose an image, write a prompt, pick the frame and length,
 * generate, watch, play. Works with no props inside an `ImageToVideoProvider` (and a
 * `QueryClientProvider`).
 */
export const ImageToVideo = forwardRef<HTMLFormElement, ImageToVideoProps>(function ImageToVideo(
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
    pricePerFiveSeconds,
    currency,
    fit,
    format,
    improvePrompt = true,
    enablePromptOptimizer = false,
    persist = true,
    labels: labelOverrides,
    classNames = {},
    unstyled,
    renderPlayer,
    children,
    className,
    ...rest
  },
  ref,
) {
  const labels = { ...defaultLabels, ...labelOverrides };
  const persistKey = persist === false ? undefined : persist === true ? DEFAULT_PERSIST_KEY : persist;
  const [source, setSource] = useControllableState({ value: image, defaultValue: defaultImage, onValueChange: onImageChange, name: 'ImageToVideo image' });
  const [prompt, setPrompt] = useControllableState({ value: promptProp, defaultValue: defaultPrompt, onValueChange: onPromptChange, name: 'ImageToVideo prompt' });
  const [size, setSize] = useControllableState({ value: sizeProp, defaultValue: defaultSize, onValueChange: onSizeChange, name: 'ImageToVideo size' });
  const [duration, setDuration] = useControllableState({ value: durationProp, defaultValue: defaultDuration, onValueChange: onDurationChange, name: 'ImageToVideo duration' });
  const [prepared, setPrepared] = useState<PreparedImage>();
  const [resumeId, setResumeId] = useState<string>();
  const imageInputRef = useRef<HTMLDivElement>(null);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement | null>(null);

  // Read after mount: the server and the first client render must agree (nothing to resume).
  useEffect(() => {
    if (!persistKey) return;
    try {
      const saved = sessionStorage.getItem(persistKey);
      const job = saved ? parsePersistedJob(saved) : undefined;
      if (!job) return;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- sessionStorage exists only after mount
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
  const ready = prepared && prepared.source === source && prepared.size === size ? prepared : undefined;

  let blocked: SubmitBlockReason | undefined;
  if (state.isRunning) blocked = 'running';
  else if (!source) blocked = 'no-image';
  else if (!ready) blocked = 'preparing-image';
  else if (!prompt.trim()) blocked = 'no-prompt';
  else if (prompt.length > PROMPT_MAX_LENGTH) blocked = 'prompt-too-long';

  const request = (): ImageToVideoRequest | undefined =>
    ready ? { image: ready.image, prompt, size, duration, ...(enablePromptOptimizer ? { enablePromptOptimizer } : {}) } : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = request();
    if (blocked || !next) return;
    void state.submit(next);
  }

  function onRetry() {
    const next = request();
    // Unchanged since the failure: retry reuses the uploaded image. Edited: submit what is there now.
    if (!next || sameRequest(state.input, next)) void state.retry();
    else void state.submit(next);
  }

  const running = state.isRunning;
  const cls = (part: ImageToVideoPart) => classNames[part];
  const parts: ImageToVideoSlots['parts'] = {
    imageInput: (
      <ImageInput
        ref={imageInputRef}
        className={cls('imageInput')}
        value={source}
        onValueChange={setSource}
        size={size}
        fit={fit}
        format={format}
        onPreparedChange={setPrepared}
        // "or drop or paste an image here" holds for the whole drop-in, not just the image box.
        pasteScope={formRef}
        disabled={running}
        labels={labels}
      />
    ),
    sizePicker: (
      <SizePicker className={cls('sizePicker')} value={size} onValueChange={setSize} imageSrc={sourceUrl} disabled={running} labels={labels} />
    ),
    durationPicker: (
      <DurationPicker
        className={cls('durationPicker')}
        value={duration}
        onValueChange={setDuration}
        pricePerFiveSeconds={pricePerFiveSeconds}
        currency={currency}
        disabled={running}
        labels={labels}
      />
    ),
    promptField: (
      <PromptField
        ref={promptRef}
        rootClassName={cls('promptField')}
        value={prompt}
        onValueChange={setPrompt}
        readOnly={running}
        labels={labels}
        // The prepared Blob is the one the submit sends: uploaded for the optimizer, it is not uploaded again.
        onImprove={improvePrompt && optimizer.isSupported ? (text, style) => (ready ? optimizer.optimize({ text, image: ready.image, style }) : Promise.resolve(undefined)) : undefined}
        canImprove={ready !== undefined}
        improveStatus={optimizer.status}
        improveError={optimizer.error}
      />
    ),
    submit: (
      <SubmitButton className={cls('submit')} blockedReason={blocked && labels.submitBlocked(blocked)} labels={labels} />
    ),
    status: (
      <LiveStatus
        className={cls('status')}
        state={state}
        estimateMs={state.estimateMs}
        onRetry={onRetry}
        // The chooser is the image input's first control; focusing it lets Enter open the picker.
        onChangeImage={() => imageInputRef.current?.querySelector<HTMLInputElement>('input[type="file"]')?.focus()}
        onEditPrompt={() => promptRef.current?.focus()}
        onCancel={state.cancel}
        labels={labels}
      />
    ),
    player: renderPlayer ? (
      renderPlayer(state, sourceUrl)
    ) : state.status === 'idle' ? null : (
      <PredictionPlayer
        className={cls('player')}
        state={state}
        poster={sourceUrl}
        transport={transport}
        queryClient={queryClient}
        schedule={schedule}
        labels={labels}
      />
    ),
  };

  return (
    <form
      ref={(node) => {
        formRef.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      noValidate
      data-i2v-part="root"
      data-status={state.status}
      data-size={size}
      data-i2v-unstyled={unstyled ? '' : undefined}
      className={[cls('root'), className].filter(Boolean).join(' ') || undefined}
      onSubmit={onSubmit}
      {...rest}
    >
      {children ? (
        children({ state, parts })
      ) : (
        <>
          <div data-i2v-part="inputs">
            {parts.imageInput}
            {parts.sizePicker}
            {parts.durationPicker}
            {parts.promptField}
            {parts.submit}
          </div>
          <div data-i2v-part="result" data-size={size}>
            {parts.status}
            {/* Reserves the chosen frame while idle, so the result area does not jump when a job starts. */}
            {parts.player ?? <div data-i2v-part="stage" />}
          </div>
        </>
      )}
    </form>
  );
});

/** Owns the ticking clock, so only the status re-renders every second. */
function LiveStatus({
  state,
  ...props
}: { state: UseImageToVideoResult } & Omit<StatusProps, 'status' | 'error' | 'uploadProgress' | 'elapsedMs'>) {
  const ticking = useElapsedTime(state.submittedAt, { running: state.isRunning });
  return (
    <Status
      status={state.status}
      error={state.error}
      uploadProgress={state.uploadProgress}
      elapsedMs={state.isRunning ? ticking : state.elapsedMs}
      {...props}
    />
  );
}

function writeStorage(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage can be disabled or full; resuming is a nicety.
  }
}
