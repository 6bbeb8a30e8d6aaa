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
  type RefObject,
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
  loadImageUrl,
  type LoadedUrlImage,
} from '../core/index';
import { composeEventHandlers } from './composeEventHandlers';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';
import { safeMediaUrl } from './safeMediaUrl';
import { useControllableState } from './useControllableState';
import { useObjectUrl } from './useObjectUrl';

/** What the user chose: a file (or any blob), or an http(s) image URL. */
export type ImageSource = Blob | string;

/** A chosen image made ready for a size: `image` is what to submit. */
export interface PreparedImage {
  source: ImageSource;
  size: VideoSize;
  /**
   * The framed, re-encoded blob; or, for a URL whose origin does not let the page read its pixels
   * (no CORS), the URL as given: sent unframed, and the video service fits it.
   */
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
  /** Loads a chosen URL in the browser before it counts (default `loadImageUrl`). */
  loadUrl?: (url: string) => Promise<LoadedUrlImage>;
  /** Called with the prepared image whenever it changes (new source or new size), `undefined` while none is ready. */
  onPreparedChange?: (prepared: PreparedImage | undefined) => void;
  /** Called when a file or URL is refused; the previous choice stays. */
  onReject?: (rejection: ImageRejection) => void;
  disabled?: boolean;
  /**
   * Also take images pasted anywhere inside this element (the whole form, say), and pastes made
   * with nothing focused after a click inside it. Text pasted into a text field stays there.
   * Default: only pastes inside the image input.
   */
  pasteScope?: RefObject<HTMLElement | null>;
  labels?: Partial<ImageToVideoLabels>;
}

/** The parts of a paste event this component reads: React's and the DOM's both fit. */
interface PasteLike {
  clipboardData: DataTransfer | null;
  target: EventTarget | null;
  preventDefault(): void;
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
    loadUrl = loadImageUrl,
    onPreparedChange,
    onReject,
    disabled,
    pasteScope,
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
  const l = useLabels(labels);
  const [source, setSource] = useControllableState({ value, defaultValue, onValueChange, name: 'ImageInput' });
  const [prepared, setPrepared] = useState<PreparedImage>();
  const [rejection, setRejection] = useState<ImageRejection>();
  const [checking, setChecking] = useState(false);
  const [failed, setFailed] = useState<{ source: ImageSource; size: VideoSize }>();
  const [dragging, setDragging] = useState(false);
  const [urlText, setUrlText] = useState('');
  const dragDepth = useRef(0);
  const latest = useRef(0);
  const options = { size, fit, format, maxBytes, minDimension };

  const ready = useMemo<PreparedImage | undefined>(
    () => (prepared && prepared.source === source && prepared.size === size ? prepared : undefined),
    [source, size, prepared],
  );

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

  /** A URL is loaded first, then held to the same rules as a file and framed where its origin allows. */
  async function prepare(chosen: ImageSource, forSize: VideoSize): Promise<PreparedImage> {
    let file: Blob;
    if (typeof chosen === 'string') {
      const loaded = await loadUrl(chosen);
      if (!loaded.file) {
        const min = minDimension ?? DEFAULT_MIN_IMAGE_DIMENSION;
        if (Math.min(loaded.width, loaded.height) < min) {
          throw new ImagePreflightError('too-small', `The image is ${loaded.width}×${loaded.height}.`);
        }
        return { source: chosen, size: forSize, image: chosen, width: loaded.width, height: loaded.height };
      }
      file = loaded.file;
    } else {
      file = chosen;
    }
    const result = await preflight(file, { ...options, size: forSize });
    return { source: chosen, size: forSize, image: result.blob, width: result.width, height: result.height };
  }

  async function take(file: ImageSource) {
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
      reject(rejectionCode(error), file instanceof Blob ? file : undefined);
    } finally {
      if (token === latest.current) setChecking(false);
    }
  }

  // A blob that is not ready for the current size (size changed, or the value was set from outside),
  // unless preparing exactly that already failed: the rejection is shown instead of trying forever.
  const failedHere = failed !== undefined && failed.source === source && failed.size === size;
  const pending = source && !ready && !checking && !failedHere ? source : undefined;
  useEffect(() => {
    if (!pending) return;
    let live = true;
    prepare(pending, size).then(
      (next) => live && setPrepared(next),
      (error: unknown) => {
        if (!live) return;
        setFailed({ source: pending, size });
        reject(rejectionCode(error), pending instanceof Blob ? pending : undefined);
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
  // A URL that could not be framed here is previewed as it is, and says so.
  const unframed = shown !== undefined && typeof shown.image === 'string';
  const previewUrl = unframed ? safeMediaUrl(shown.image as string) : blobUrl;

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
    // Counts as chosen only once it loaded as an image; until then the last choice stays.
    else void take(url);
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
    onPaste: composeEventHandlers(onPaste, (event: ClipboardEvent<HTMLDivElement>) => handlePaste(event)),
  };

  /** Takes a pasted image file, or a pasted URL where it was not pasted into a text field. */
  function handlePaste(event: PasteLike) {
    if (disabled || !event.clipboardData) return;
    const file = event.clipboardData.files[0];
    if (file) {
      event.preventDefault();
      void take(file);
      return;
    }
    // Pasted text goes into text fields as usual; elsewhere a pasted URL is taken as the image.
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type !== 'file') return;
    if (target instanceof HTMLTextAreaElement) return;
    if (target instanceof HTMLElement && target.isContentEditable) return;
    const text = event.clipboardData.getData('text').trim();
    if (safeMediaUrl(text)) {
      event.preventDefault();
      setUrlText(text);
      applyUrl(text);
    }
  }

  // Pastes elsewhere in the scope: listened for on the document, because a paste with nothing
  // focused targets <body>, outside any element of ours.
  const rootRef = useRef<HTMLDivElement | null>(null);
  const pasteRef = useRef(handlePaste);
  useEffect(() => {
    pasteRef.current = handlePaste;
  });
  useEffect(() => {
    if (!pasteScope) return;
    let clickedInside = false;
    const onPointerDown = (event: PointerEvent) => {
      clickedInside = event.target instanceof Node && !!pasteScope.current?.contains(event.target);
    };
    const onDocumentPaste = (event: globalThis.ClipboardEvent) => {
      const scope = pasteScope.current;
      const target = event.target instanceof Node ? event.target : null;
      // Our own element's pastes were handled (or deliberately left alone) by its React handler.
      if (event.defaultPrevented || !scope || !target || rootRef.current?.contains(target)) return;
      const nothingFocused = target === document.body || target === document.documentElement;
      if (scope.contains(target) || (nothingFocused && clickedInside)) pasteRef.current(event);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('paste', onDocumentPaste);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('paste', onDocumentPaste);
    };
  }, [pasteScope]);

  const state = dragging ? 'dragging' : source ? 'filled' : 'empty';
  return (
    <div
      ref={(node) => {
        rootRef.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      role="group"
      aria-label={l.image}
      data-i2v-part="image-input"
      data-state={state}
      data-status={checking || pending ? 'preparing' : rejection ? 'rejected' : ready ? 'ready' : 'idle'}
      data-disabled={disabled ? '' : undefined}
      {...rest}
      {...dropHandlers}
    >
      {previewUrl ? (
        <img
          data-i2v-part="image-preview"
          data-framed={unframed ? undefined : ''}
          src={previewUrl}
          alt={unframed ? l.imagePreviewUnframed : l.imagePreview}
        />
      ) : null}
      {unframed ? <p data-i2v-part="image-note">{l.imageNotFramed}</p> : null}
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
          // Addresses read left to right in every language; mirrored, "https://" reads "//:https".
          dir="ltr"
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
