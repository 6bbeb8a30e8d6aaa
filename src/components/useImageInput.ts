import {
  useEffect,
  useRef,
  useState,
  type ChangeEvent,
  type DragEvent,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  type Ref,
  type RefCallback,
  type SyntheticEvent,
  type RefObject,
} from 'react';
import {
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_MIN_IMAGE_DIMENSION,
  type FramingFit,
  IMAGE_URL_MAX_LENGTH,
  type ImageRejectionCode,
  type PreflightFormat,
  SUPPORTED_IMAGE_TYPES,
  type VideoSize,
} from '../core/index';
import {
  type ImageSource,
  type PreparedImage,
  type PreparedImageStatus,
  preloadImagePreparation,
  usePreparedImage,
  type UsePreparedImageOptions,
} from '../hooks/index';
import { composeEventHandlers } from './composeEventHandlers';
import type { ImageToVideoLabels, RejectionDetails } from './defaultLabels';
import { safeMediaUrl } from './safeMediaUrl';
import { useControllableState } from './useControllableState';
import { useLabels } from './useLabels';
import { useObjectUrl } from './useObjectUrl';

/** A refused file or URL: a code to switch on, and the message for it from the current labels. */
export interface ImageRejection {
  code: ImageRejectionCode;
  /** The human message (from `labels.rejection`), computed when read, so it follows a change of labels. */
  message: string;
  file?: Blob;
}

/** Options of `useImageInput`; every one is optional. */
export interface UseImageInputOptions extends Pick<UsePreparedImageOptions, 'preflight' | 'loadUrl'> {
  /** The chosen source; `null` for none (controlled). */
  value?: ImageSource | null;
  /** Default `null`. */
  defaultValue?: ImageSource | null;
  /** Called with a new source once it is prepared (a refused one never counts), and with `null` on remove. */
  onValueChange?: (value: ImageSource | null) => void;
  /** The frame the image is prepared for. Default `'1280*720'`. */
  size?: VideoSize;
  /** Default `'cover'`. */
  fit?: FramingFit;
  /** Default `'jpeg'`. */
  format?: PreflightFormat;
  /** Default 20 MB. */
  maxBytes?: number;
  /** Default 256 px. */
  minDimension?: number;
  /** Called when a file or URL is refused; the previous choice stays. */
  onReject?: (rejection: ImageRejection) => void;
  /** Default `false`. */
  disabled?: boolean;
  /**
   * Also take images pasted anywhere inside this element (the whole form, say), and pastes made
   * with nothing focused after a click inside it. Text pasted into a text field stays there.
   * Default: only pastes inside the drop zone (`getRootProps`).
   */
  pasteScope?: RefObject<HTMLElement | null>;
  /** Strings for the rejection message and the getters' accessible names, over the provider's `labels`. Default `defaultLabels`. */
  labels?: Partial<ImageToVideoLabels>;
}

/** `data-*` state of the drop zone, for styling: `data-state` (`empty`, `filled`, `dragging`), `data-status`, `data-disabled`. */
export interface ImageInputRootData {
  'data-state': 'empty' | 'filled' | 'dragging';
  'data-status': PreparedImageStatus;
  'data-disabled': '' | undefined;
}

/**
 * What `useImageInput` returns: state to render from, actions, and prop getters. Each getter takes
 * your props for the element (handlers, ref, `className`…) and returns them merged with its own:
 * your handler runs first, and calling `event.preventDefault()` in it skips the hook's.
 */
export interface UseImageInputResult {
  /** The chosen image (a refused candidate never becomes it). */
  source: ImageSource | null;
  /** `source` prepared for the current size: what to submit. `undefined` while none is ready. */
  prepared: PreparedImage | undefined;
  /** `preparing` while a new choice or a new size is prepared, `rejected` while a refusal is shown. */
  status: PreparedImageStatus;
  /** The refusal to show, if any; its `message` comes from the current labels. */
  rejection: ImageRejection | undefined;
  /**
   * What to preview: the framing that will be sent (the last one of the same source while a new
   * size is prepared), or, for a URL whose origin forbids framing, the URL itself (`framed: false`).
   */
  preview: { url: string; framed: boolean } | undefined;
  /** A drag is over the drop zone. */
  isDragging: boolean;
  /** As given: every getter's element is disabled and nothing is taken. */
  disabled: boolean;
  /** The URL field's text (kept when the URL is refused, so it can be fixed). */
  urlText: string;
  /** Sets the URL field's text, without taking it. */
  setUrlText: (text: string) => void;
  /** Opens the file picker (through the element given `getInputProps`). */
  open: () => void;
  /** Tries a file or URL as the new choice; it replaces `source` only once prepared. */
  choose: (candidate: ImageSource) => void;
  /** Removes the image; a file still being prepared is forgotten. */
  clear: () => void;
  /** The drop zone: drag and drop, paste, Enter/Space to open the picker when the zone itself is focused. */
  getRootProps: <E extends HTMLElement = HTMLDivElement>(
    props?: HTMLAttributes<E> & { ref?: Ref<E> },
  ) => HTMLAttributes<E> & ImageInputRootData & { ref: RefCallback<E> };
  /** The file input (hide it if `open()` is how you show the picker). */
  getInputProps: (
    props?: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> },
  ) => InputHTMLAttributes<HTMLInputElement> & { ref: RefCallback<HTMLInputElement> };
  /** The URL field: Enter takes the URL instead of submitting the surrounding form. */
  getUrlInputProps: (props?: InputHTMLAttributes<HTMLInputElement>) => InputHTMLAttributes<HTMLInputElement>;
  /** The button that takes the typed URL. */
  getUrlSubmitProps: (props?: ButtonHTMLAttributes<HTMLButtonElement>) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** The button that removes the image. */
  getRemoveProps: (props?: ButtonHTMLAttributes<HTMLButtonElement>) => ButtonHTMLAttributes<HTMLButtonElement>;
}

/** The parts of a paste event read here: React's and the DOM's both fit. */
interface PasteLike {
  clipboardData: DataTransfer | null;
  target: EventTarget | null;
  preventDefault(): void;
}

const ACCEPT = SUPPORTED_IMAGE_TYPES.join(',');

type Handler = (event: SyntheticEvent) => void;

/**
 * What a prop getter returns: our attributes under the caller's props, each of our handlers run
 * after the caller's (skipped when theirs calls `preventDefault()`), the caller's ref set beside
 * ours, and `disabled` kept when we say so (the caller may add it, not lift it). One loose helper
 * for all five getters, to keep the drop-in small; their public types are in `UseImageInputResult`.
 */
function mergeProps(
  given: object | undefined,
  ours: Record<string, unknown>,
  handlers: Record<string, (event: never) => void>,
  ownRef?: RefObject<unknown>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- typed by UseImageInputResult
): any {
  const props = (given ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...ours, ...props };
  for (const name in handlers) merged[name] = composeEventHandlers(props[name] as Handler | undefined, handlers[name] as Handler);
  if (ours.disabled) merged.disabled = true;
  if (ownRef) {
    const theirs = props.ref as Ref<unknown> | undefined;
    merged.ref = (node: unknown) => {
      ownRef.current = node;
      if (typeof theirs === 'function') theirs(node);
      else if (theirs) theirs.current = node;
    };
  }
  return merged;
}

/**
 * Headless image choice, the react-dropzone way: prop getters for a drop zone (drag and drop,
 * paste), a file input, a URL field and its button, and a remove button; `open()`; typed
 * rejections; controlled or uncontrolled `value`. A new file or URL counts only once it is
 * prepared for `size` (one abortable path, `usePreparedImage`); when it is refused, the previous
 * choice stays. Render any markup from the result, or `ImageInputView` for the library's own.
 */
export function useImageInput({
  value,
  defaultValue = null,
  onValueChange,
  size = '1280*720',
  fit,
  format,
  maxBytes = DEFAULT_MAX_IMAGE_BYTES,
  minDimension = DEFAULT_MIN_IMAGE_DIMENSION,
  preflight,
  loadUrl,
  onReject,
  disabled = false,
  pasteScope,
  labels,
}: UseImageInputOptions = {}): UseImageInputResult {
  const l = useLabels(labels);
  const [source, setSource] = useControllableState({ value, defaultValue, onValueChange, name: 'ImageInput' });
  // A choice being prepared; it becomes `source` only if that succeeds. Mirrored in a ref so the
  // attempt's callback knows whether it settled the candidate or the source.
  const [candidate, setCandidate] = useState<ImageSource>();
  const candidateRef = useRef<ImageSource | undefined>(undefined);
  // A refused candidate (or URL text), as a code: its message is made from the labels when shown.
  const [refused, setRefused] = useState<{ code: ImageRejectionCode; file?: Blob }>();
  const [isDragging, setDragging] = useState(false);
  const [urlText, setUrlText] = useState('');
  const dragDepth = useRef(0);
  const rootRef = useRef<HTMLElement | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);

  const details = (file?: Blob): RejectionDetails => ({ file, maxBytes, minDimension });
  const toRejection = (code: ImageRejectionCode, file?: Blob): ImageRejection => ({
    code,
    message: l.rejection(code, details(file)),
    file,
  });

  const onRejectRef = useRef(onReject);
  useEffect(() => {
    onRejectRef.current = onReject;
  });

  const preparation = usePreparedImage({
    source: candidate ?? source,
    size,
    fit,
    format,
    maxBytes,
    minDimension,
    preflight,
    loadUrl,
    onSettled: ({ prepared, failure }) => {
      const tried = prepared?.source ?? failure!.source;
      if (tried === candidateRef.current) {
        candidateRef.current = undefined;
        setCandidate(undefined);
        if (prepared) setSource(tried);
        else setRefused({ code: failure!.code, file: failure!.file });
      }
      if (failure) onRejectRef.current?.(toRejection(failure.code, failure.file));
    },
  });

  const { lastPrepared } = preparation;
  const prepared = candidate === undefined ? preparation.prepared : lastPrepared && lastPrepared.source === source && lastPrepared.size === size ? lastPrepared : undefined;
  // A source set from outside that cannot be prepared shows why, like a refused choice.
  const failure = refused ?? (candidate === undefined ? preparation.failure : undefined);
  const rejection = failure ? toRejection(failure.code, failure.file) : undefined;
  const status: PreparedImageStatus =
    candidate !== undefined || preparation.status === 'preparing' ? 'preparing' : rejection ? 'rejected' : preparation.status;

  // Keep showing the last framing of the same source while a new size is prepared.
  const shown = prepared ?? (lastPrepared && lastPrepared.source === source ? lastPrepared : undefined);
  const blobUrl = useObjectUrl(shown && shown.image instanceof Blob ? shown.image : undefined);
  // A URL that could not be framed here is previewed as it is.
  const unframedUrl = shown && typeof shown.image === 'string' ? safeMediaUrl(shown.image) : undefined;
  const previewUrl = unframedUrl ?? blobUrl;
  const preview = previewUrl ? { url: previewUrl, framed: !unframedUrl } : undefined;

  function choose(next: ImageSource) {
    setRefused(undefined);
    // A failure of this very source would otherwise stand: choosing it again means trying again.
    preparation.retry(next);
    if (next === source) {
      candidateRef.current = undefined;
      setCandidate(undefined);
      return;
    }
    candidateRef.current = next;
    setCandidate(next);
  }

  function clear() {
    candidateRef.current = undefined;
    setCandidate(undefined);
    setRefused(undefined);
    setSource(null);
  }

  function applyUrl(text: string) {
    const url = safeMediaUrl(text.trim());
    if (!url || url.length > IMAGE_URL_MAX_LENGTH) {
      setRefused({ code: 'invalid-url' });
      onRejectRef.current?.(toRejection('invalid-url'));
    }
    // Counts as chosen only once it loaded as an image; until then the last choice stays.
    else choose(url);
  }

  /** Takes a pasted image file, or a pasted URL where it was not pasted into a text field. */
  function handlePaste(event: PasteLike) {
    if (disabled || !event.clipboardData) return;
    const file = event.clipboardData.files[0];
    if (file) {
      event.preventDefault();
      choose(file);
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
      // The drop zone's own pastes were handled (or deliberately left alone) by its React handler.
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

  function open() {
    if (!disabled) inputRef.current?.click();
  }

  // The preparation steps are loaded on first use; the first sign the user is about to choose an
  // image (pointer over the zone, focus inside it, a drag) starts that load, so by the time a file
  // is picked, dropped or pasted it is there. Nothing to load when both steps are the caller's.
  const usesOwnSteps = preflight !== undefined && loadUrl !== undefined;
  function preloadSteps() {
    if (!usesOwnSteps && !disabled) preloadImagePreparation();
  }

  return {
    source,
    prepared,
    status,
    rejection,
    preview,
    isDragging,
    disabled,
    urlText,
    setUrlText,
    open,
    choose,
    clear,
    getRootProps: (props?: object) =>
      mergeProps(
        props,
        {
          role: 'group',
          'aria-label': l.image,
          'data-state': isDragging ? 'dragging' : source ? 'filled' : 'empty',
          'data-status': status,
          'data-disabled': disabled ? '' : undefined,
        },
        {
          onPointerEnter: preloadSteps,
          onFocus: preloadSteps,
          onDragEnter: (event: DragEvent) => {
            preloadSteps();
            event.preventDefault();
            dragDepth.current++;
            if (!disabled) setDragging(true);
          },
          onDragOver: (event: DragEvent) => event.preventDefault(),
          onDragLeave: () => {
            dragDepth.current = Math.max(0, dragDepth.current - 1);
            if (dragDepth.current === 0) setDragging(false);
          },
          onDrop: (event: DragEvent) => {
            event.preventDefault();
            dragDepth.current = 0;
            setDragging(false);
            const file = event.dataTransfer.files[0];
            if (file && !disabled) choose(file);
          },
          onPaste: handlePaste,
          onKeyDown: (event: KeyboardEvent) => {
            // Only the zone itself (given a tabIndex): keys in its fields and buttons are theirs.
            if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
              event.preventDefault();
              open();
            }
          },
        },
        rootRef,
      ),
    getInputProps: (props?: object) =>
      mergeProps(
        props,
        { type: 'file', accept: ACCEPT, disabled },
        {
          onChange: (event: ChangeEvent<HTMLInputElement>) => {
            const file = event.target.files?.[0];
            // Clear, so choosing the same file again still reports a change.
            event.target.value = '';
            if (file) choose(file);
          },
        },
        inputRef,
      ),
    getUrlInputProps: (props?: object) =>
      mergeProps(
        props,
        // Addresses read left to right in every language; mirrored, "https://" reads "//:https".
        { type: 'url', dir: 'ltr', 'aria-label': l.imageUrl, placeholder: l.imageUrlPlaceholder, value: urlText, disabled },
        {
          onChange: (event: ChangeEvent<HTMLInputElement>) => setUrlText(event.target.value),
          onKeyDown: (event: KeyboardEvent) => {
            // Enter here means "use this URL", not "submit the whole form".
            if (event.key === 'Enter') {
              event.preventDefault();
              applyUrl(urlText);
            }
          },
        },
      ),
    getUrlSubmitProps: (props?: object) =>
      mergeProps(props, { type: 'button', disabled: disabled || !urlText.trim() }, { onClick: () => applyUrl(urlText) }),
    getRemoveProps: (props?: object) => mergeProps(props, { type: 'button', disabled }, { onClick: clear }),
  };
}
