import {
  forwardRef,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type ComponentPropsWithoutRef,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import {
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_MIN_IMAGE_DIMENSION,
  type FramingFit,
  IMAGE_URL_MAX_LENGTH,
  ImagePreflightError,
  type ImageRejectionCode,
  type PreflightedImage,
  type PreflightFormat,
  preflightImage,
  type PreflightOptions,
  SUPPORTED_IMAGE_TYPES,
  type VideoSize,
} from '../core/index';
import { composeEventHandlers } from './composeEventHandlers';
import { defaultLabels, type ImageToVideoLabels } from './defaultLabels';
import { safeMediaUrl } from './safeMediaUrl';
import { useControllableState } from './useControllableState';
import { useObjectUrl } from './useObjectUrl';

/** What the user chose: a file (or any blob), or an http(s) image URL. */
export type ImageSource = Blob | string;

/** A chosen image made ready for a size: `image` is what to submit. */
export interface PreparedImage {
  source: ImageSource;
  size: VideoSize;
  /** The framed, re-encoded blob, or the URL as given. */
  image: Blob | string;
  width?: number;
  height?: number;
}

export interface ImageRejection {
  code: ImageRejectionCode;
  /** The human message shown (from `labels.rejection`). */
  message: string;
  file?: Blob;
}

export interface ImageInputProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue' | 'onChange'> {
  /** The chosen source; `null` for none (controlled). */
  value?: ImageSource | null;
  defaultValue?: ImageSource | null;
  onValueChange?: (value: ImageSource | null) => void;
  /** The frame the image is prepared for, so the preview shows what will be sent. Default `'1280*720'`. */
  size?: VideoSize;
  /** Default `'cover'`. */
  fit?: FramingFit;
  /** Default `'jpeg'`. */
  format?: PreflightFormat;
  /** Default 20 MB. */
  maxBytes?: number;
  /** Default 256 px. */
  minDimension?: number;
  /** Replaces the preparation step (default `preflightImage`). */
  preflight?: (file: Blob, options: PreflightOptions) => Promise<PreflightedImage>;
  /** Called with the prepared image whenever it changes (new source or new size), `undefined` while none is ready. */
  onPreparedChange?: (prepared: PreparedImage | undefined) => void;
  /** Called when a file or URL is refused; the previous choice stays. */
  onReject?: (rejection: ImageRejection) => void;
  disabled?: boolean;
  labels?: Partial<ImageToVideoLabels>;
}

const ACCEPT = SUPPORTED_IMAGE_TYPES.join(',');

/** Preflight says why it refused; anything else thrown while preparing means the image could not be read. */
function rejectionCode(error: unknown): ImageRejectionCode {
  return error instanceof ImagePreflightError ? error.code : 'unreadable';
}

/**
 * Choose an image by click, keyboard, drag and drop or paste, or paste its URL. Shows a preview
 * framed as it will be sent; refuses bad files with a typed reason and keeps what was there.
 */
export const ImageInput = forwardRef<HTMLDivElement, ImageInputProps>(function ImageInput(
  {
    value,
    defaultValue = null,
    onValueChange,
    size = '1280*720',
    fit,
    format,
    maxBytes,
    minDimension,
    preflight = preflightImage,
    onPreparedChange,
    onReject,
    disabled,
    labels,
    onDragEnter,
    onDragOver,
    onDragLeave,
    onDrop,
    onPaste,
    ...rest
  },
  ref,
) {
  const l = { ...defaultLabels, ...labels };
  const [source, setSource] = useControllableState({ value, defaultValue, onValueChange, name: 'ImageInput' });
  const [prepared, setPrepared] = useState<PreparedImage>();
  const [rejection, setRejection] = useState<ImageRejection>();
  const [checking, setChecking] = useState(false);
  const [failed, setFailed] = useState<{ source: Blob; size: VideoSize }>();
  const [dragging, setDragging] = useState(false);
  const [urlText, setUrlText] = useState('');
  const dragDepth = useRef(0);
  const latest = useRef(0);
  const options = { size, fit, format, maxBytes, minDimension };

  const ready = useMemo<PreparedImage | undefined>(() => {
    if (typeof source === 'string') return { source, size, image: source };
    return prepared && prepared.source === source && prepared.size === size ? prepared : undefined;
  }, [source, size, prepared]);

  function reject(code: ImageRejectionCode, file?: Blob) {
    const next = {
      code,
      message: l.rejection(code, {
        file,
        maxBytes: maxBytes ?? DEFAULT_MAX_IMAGE_BYTES,
        minDimension: minDimension ?? DEFAULT_MIN_IMAGE_DIMENSION,
      }),
      file,
    };
    setRejection(next);
    onReject?.(next);
  }

  async function prepare(file: Blob, forSize: VideoSize): Promise<PreparedImage> {
    const result = await preflight(file, { ...options, size: forSize });
    return { source: file, size: forSize, image: result.blob, width: result.width, height: result.height };
  }

  async function take(file: Blob) {
    const token = ++latest.current;
    setChecking(true);
    try {
      const next = await prepare(file, size);
      if (token !== latest.current) return;
      setRejection(undefined);
      setPrepared(next);
      setSource(file);
    } catch (error) {
      if (token !== latest.current) return;
      reject(rejectionCode(error), file);
    } finally {
      if (token === latest.current) setChecking(false);
    }
  }

  // A blob that is not ready for the current size (size changed, or the value was set from outside),
  // unless preparing exactly that already failed: the rejection is shown instead of trying forever.
  const failedHere = failed !== undefined && failed.source === source && failed.size === size;
  const pending = source instanceof Blob && !ready && !checking && !failedHere ? source : undefined;
  useEffect(() => {
    if (!pending) return;
    let live = true;
    prepare(pending, size).then(
      (next) => live && setPrepared(next),
      (error: unknown) => {
        if (!live) return;
        setFailed({ source: pending, size });
        reject(rejectionCode(error), pending);
      },
    );
    return () => {
      live = false;
    };
    // `prepare` and `reject` read the latest props; re-running on their identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending, size]);

  const onPreparedRef = useRef(onPreparedChange);
  useEffect(() => {
    onPreparedRef.current = onPreparedChange;
  });
  useEffect(() => {
    onPreparedRef.current?.(ready);
  }, [ready]);

  // Keep showing the last framing of the same source while a new size is prepared.
  const shown = ready ?? (prepared && prepared.source === source ? prepared : undefined);
  const blobUrl = useObjectUrl(shown && shown.image instanceof Blob ? shown.image : undefined);
  const previewUrl = typeof source === 'string' ? safeMediaUrl(source) : blobUrl;

  /** Takes a URL or clears the image; a file still being prepared is forgotten. */
  function chooseSource(next: string | null) {
    latest.current++;
    setChecking(false);
    setRejection(undefined);
    setSource(next);
  }

  function applyUrl(text: string) {
    const url = safeMediaUrl(text.trim());
    if (!url || url.length > IMAGE_URL_MAX_LENGTH) reject('invalid-url');
    else chooseSource(url);
  }

  const dropHandlers = {
    onDragEnter: composeEventHandlers(onDragEnter, (event: DragEvent<HTMLDivElement>) => {
      event.preventDefault();
      dragDepth.current++;
      if (!disabled) setDragging(true);
    }),
    onDragOver: composeEventHandlers(onDragOver, (event: DragEvent<HTMLDivElement>) => event.preventDefault()),
    onDragLeave: composeEventHandlers(onDragLeave, () => {
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    }),
    onDrop: composeEventHandlers(onDrop, (event: DragEvent<HTMLDivElement>) => {
      event.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      const file = event.dataTransfer.files[0];
      if (file && !disabled) void take(file);
    }),
    onPaste: composeEventHandlers(onPaste, (event: ClipboardEvent<HTMLDivElement>) => {
      if (disabled) return;
      const file = event.clipboardData.files[0];
      if (file) {
        event.preventDefault();
        void take(file);
        return;
      }
      // Pasted text goes into text fields as usual; elsewhere a pasted URL is taken as the image.
      const target = event.target as HTMLElement;
      if (target instanceof HTMLInputElement && target.type !== 'file') return;
      if (target instanceof HTMLTextAreaElement) return;
      const text = event.clipboardData.getData('text').trim();
      if (safeMediaUrl(text)) {
        event.preventDefault();
        setUrlText(text);
        applyUrl(text);
      }
    }),
  };

  const state = dragging ? 'dragging' : source ? 'filled' : 'empty';
  return (
    <div
      ref={ref}
      role="group"
      aria-label={l.image}
      data-i2v-part="image-input"
      data-state={state}
      data-status={checking || pending ? 'preparing' : rejection ? 'rejected' : ready ? 'ready' : 'idle'}
      data-disabled={disabled ? '' : undefined}
      {...rest}
      {...dropHandlers}
    >
      {previewUrl ? <img data-i2v-part="image-preview" src={previewUrl} alt={l.imagePreview} /> : null}
      <label data-i2v-part="image-choose">
        <span>{l.chooseImage}</span>
        <input
          type="file"
          accept={ACCEPT}
          disabled={disabled}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            const file = event.target.files?.[0];
            // Clear, so choosing the same file again still reports a change.
            event.target.value = '';
            if (file) void take(file);
          }}
        />
      </label>
      <span data-i2v-part="image-hint">{l.dropHint}</span>
      <span data-i2v-part="image-url">
        <input
          type="url"
          aria-label={l.imageUrl}
          placeholder={l.imageUrlPlaceholder}
          value={urlText}
          disabled={disabled}
          onChange={(event) => setUrlText(event.target.value)}
          onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
            // Enter here means "use this URL", not "submit the whole form".
            if (event.key === 'Enter') {
              event.preventDefault();
              applyUrl(urlText);
            }
          }}
        />
        <button type="button" disabled={disabled || !urlText.trim()} onClick={() => applyUrl(urlText)}>
          {l.useImageUrl}
        </button>
      </span>
      {source ? (
        <button
          type="button"
          data-i2v-part="image-remove"
          disabled={disabled}
          onClick={() => chooseSource(null)}
        >
          {l.removeImage}
        </button>
      ) : null}
      {checking || pending ? <p data-i2v-part="image-preparing">{l.preparingImage}</p> : null}
      {rejection ? (
        <p role="alert" data-i2v-part="image-error" data-code={rejection.code}>
          {rejection.message}
        </p>
      ) : null}
    </div>
  );
});
