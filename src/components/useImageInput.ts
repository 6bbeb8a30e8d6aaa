import {
  useEffect,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type DragEvent,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
  type Ref,
  type RefCallback,
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
  usePreparedImage,
  type UsePreparedImageOptions,
} from '../hooks/index';
import { composeEventHandlers } from './composeEventHandlers';
import { defaultLabels, type ImageToVideoLabels, type RejectionDetails } from './defaultLabels';
import { safeMediaUrl } from './safeMediaUrl';
import { useControllableState } from './useControllableState';
import { useObjectUrl } from './useObjectUrl';

/** A refused file or URL: a code to switch on, and the message for it from the current labels. */
export interface ImageRejection {
  code: ImageRejectionCode;
  /** The human message (from `labels.rejection`), computed when read, so it follows a change of labels. */
  message: string;
  file?: Blob;
}

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
  /** Strings for the rejection message and the getters' accessible names. Default `defaultLabels`. */
  labels?: Partial<ImageToVideoLabels>;
}

/** Props a getter takes: the element's own, its ref and handlers merged with the hook's. */
type WithRef<E, A> = A & { ref?: Ref<E> };

/** `data-*` state of the drop zone, for styling: `data-state` (`empty`, `filled`, `dragging`), `data-status`, `data-disabled`. */
export interface ImageInputRootData {
  'data-state': 'empty' | 'filled' | 'dragging';
  'data-status': PreparedImageStatus;
  'data-disabled': '' | undefined;
}

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
  isDragging: boolean;
  disabled: boolean;
  /** The URL field's text. */
  urlText: string;
  setUrlText: (text: string) => void;
  /** Opens the file picker (through the element given `getInputProps`). */
  open: () => void;
  /** Tries a file or URL as the new choice; it replaces `source` only once prepared. */
  choose: (candidate: ImageSource) => void;
  /** Removes the image; a file still being prepared is forgotten. */
  clear: () => void;
  /** The drop zone: drag and drop, paste, Enter/Space to open the picker when the zone itself is focused. */
  getRootProps: <E extends HTMLElement = HTMLDivElement>(
    props?: WithRef<E, HTMLAttributes<E>>,
  ) => HTMLAttributes<E> & ImageInputRootData & { ref: RefCallback<E> };
  /** The file input (hide it if `open()` is how you show the picker). */
  getInputProps: (
    props?: WithRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>,
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

/** One ref callback that sets ours and the caller's. */
function mergeRefs<E>(ours: RefObject<E | null>, theirs: Ref<E> | undefined): RefCallback<E> {
  return (node) => {
    ours.current = node;
    if (typeof theirs === 'function') theirs(node);
    else if (theirs) theirs.current = node;
  };
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
  const l = { ...defaultLabels, ...labels };
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
    // A failure of the same source would otherwise stand: choosing it again means trying again.
    preparation.retry();
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
    getRootProps: (props = {}) => {
      const { ref, onDragEnter, onDragOver, onDragLeave, onDrop, onPaste, onKeyDown, ...rest } = props;
      return {
        role: 'group',
        'aria-label': l.image,
        ...rest,
        'data-state': isDragging ? 'dragging' : source ? 'filled' : 'empty',
        'data-status': status,
        'data-disabled': disabled ? '' : undefined,
        ref: mergeRefs(rootRef, ref),
        onDragEnter: composeEventHandlers(onDragEnter, (event: DragEvent) => {
          event.preventDefault();
          dragDepth.current++;
          if (!disabled) setDragging(true);
        }),
        onDragOver: composeEventHandlers(onDragOver, (event: DragEvent) => event.preventDefault()),
        onDragLeave: composeEventHandlers(onDragLeave, () => {
          dragDepth.current = Math.max(0, dragDepth.current - 1);
          if (dragDepth.current === 0) setDragging(false);
        }),
        onDrop: composeEventHandlers(onDrop, (event: DragEvent) => {
          event.preventDefault();
          dragDepth.current = 0;
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file && !disabled) choose(file);
        }),
        onPaste: composeEventHandlers(onPaste, (event: ClipboardEvent) => handlePaste(event)),
        onKeyDown: composeEventHandlers(onKeyDown, (event: KeyboardEvent) => {
          // Only the zone itself (given a tabIndex): keys in its fields and buttons are theirs.
          if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
            event.preventDefault();
            open();
          }
        }),
      };
    },
    getInputProps: (props = {}) => {
      const { ref, onChange, ...rest } = props;
      return {
        type: 'file',
        accept: ACCEPT,
        ...rest,
        disabled: disabled || rest.disabled,
        ref: mergeRefs(inputRef, ref),
        onChange: composeEventHandlers(onChange, (event: ChangeEvent<HTMLInputElement>) => {
          const file = event.target.files?.[0];
          // Clear, so choosing the same file again still reports a change.
          event.target.value = '';
          if (file) choose(file);
        }),
      };
    },
    getUrlInputProps: (props = {}) => {
      const { onChange, onKeyDown, ...rest } = props;
      return {
        type: 'url',
        // Addresses read left to right in every language; mirrored, "https://" reads "//:https".
        dir: 'ltr',
        'aria-label': l.imageUrl,
        placeholder: l.imageUrlPlaceholder,
        ...rest,
        value: urlText,
        disabled: disabled || rest.disabled,
        onChange: composeEventHandlers(onChange, (event: ChangeEvent<HTMLInputElement>) => setUrlText(event.target.value)),
        onKeyDown: composeEventHandlers(onKeyDown, (event: KeyboardEvent<HTMLInputElement>) => {
          // Enter here means "use this URL", not "submit the whole form".
          if (event.key === 'Enter') {
            event.preventDefault();
            applyUrl(urlText);
          }
        }),
      };
    },
    getUrlSubmitProps: (props = {}) => ({
      type: 'button',
      ...props,
      disabled: disabled || !urlText.trim() || props.disabled,
      onClick: composeEventHandlers(props.onClick, () => applyUrl(urlText)),
    }),
    getRemoveProps: (props = {}) => ({
      type: 'button',
      ...props,
      disabled: disabled || props.disabled,
      onClick: composeEventHandlers(props.onClick, (_event: MouseEvent<HTMLButtonElement>) => clear()),
    }),
  };
}
