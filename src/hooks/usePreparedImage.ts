import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_MIN_IMAGE_DIMENSION,
  type FramingFit,
  ImagePreflightError,
  type ImageRejectionCode,
  type LoadedUrlImage,
  type LoadImageUrlOptions,
  type PreflightedImage,
  type PreflightFormat,
  type PreflightOptions,
  type VideoSize,
} from '../core/index';
import { loadImagePreparation } from './loadImagePreparation';

// The real steps, loaded on first use (see loadImagePreparation).
const preflightImage: NonNullable<UsePreparedImageOptions['preflight']> = (file, options) =>
  loadImagePreparation().then((steps) => steps.preflightImage(file, options));
const loadImageUrl: NonNullable<UsePreparedImageOptions['loadUrl']> = (url, options) =>
  loadImagePreparation().then((steps) => steps.loadImageUrl(url, options));

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

/**
 * Where the preparation of the current source stands: `idle` (no source), `preparing`, `ready`
 * (`prepared` is set) or `rejected` (`failure` says why).
 */
export type PreparedImageStatus = 'idle' | 'preparing' | 'ready' | 'rejected';

/** Why a source could not be prepared for a size. A code, not a message: words come from labels when shown. */
export interface PreparedImageFailure {
  /** What could not be prepared. */
  source: ImageSource;
  /** The size it was being prepared for. */
  size: VideoSize;
  /** Why, as a code to switch on. */
  code: ImageRejectionCode;
  /** The refused file, when the source was one. */
  file?: Blob;
  /** What was thrown, for logs. */
  error: unknown;
}

/** Options of `usePreparedImage`: the source and what shapes the result. */
export interface UsePreparedImageOptions {
  /** The image to prepare; `null` or `undefined` for none. */
  source: ImageSource | null | undefined;
  /** The frame the image is fitted to. Default `'1280*720'`. */
  size?: VideoSize;
  /** Default `'cover'`. */
  fit?: FramingFit;
  /** Default `'jpeg'`. */
  format?: PreflightFormat;
  /** Default 20 MB. */
  maxBytes?: number;
  /** Default 256 px. */
  minDimension?: number;
  /**
   * Replaces the preparation step (default `preflightImage`, loaded on first use); receives the
   * attempt's `signal`.
   */
  preflight?: (file: Blob, options: PreflightOptions) => Promise<PreflightedImage>;
  /**
   * Loads a URL source in the browser before it counts (default `loadImageUrl`, loaded on first
   * use); receives the attempt's `signal`.
   */
  loadUrl?: (url: string, options: LoadImageUrlOptions) => Promise<LoadedUrlImage>;
  /**
   * Called once per attempt that settles (not for one aborted because the source, size or options
   * changed, or the component unmounted), from the attempt itself rather than from an effect.
   */
  onSettled?: (result: { prepared: PreparedImage; failure?: undefined } | { prepared?: undefined; failure: PreparedImageFailure }) => void;
}

/** What `usePreparedImage` returns; everything but `lastPrepared` is about the current source and size. */
export interface UsePreparedImageResult {
  status: PreparedImageStatus;
  /** The source prepared for the current size and options; `undefined` unless `status` is `ready`. */
  prepared: PreparedImage | undefined;
  /** Set when `status` is `rejected`. */
  failure: PreparedImageFailure | undefined;
  /**
   * The last image that was ready, whatever its source or size: a preview can keep showing the
   * previous framing while a new size is prepared.
   */
  lastPrepared: PreparedImage | undefined;
  /**
   * Forgets the last failure, so that source is tried again when it is the source (a URL that
   * failed on a flaky network, say). With `which`, only if the failure was of that source.
   */
  retry: (which?: ImageSource) => void;
}

/** Everything an attempt depends on: source, size, fit, format, maxBytes, minDimension. A settled result counts only for the same key. */
type AttemptKey = readonly [ImageSource, VideoSize, FramingFit, PreflightFormat, number, number];

interface Settled {
  ready?: [AttemptKey, PreparedImage];
  failed?: [AttemptKey, PreparedImageFailure];
}

const sameKey = (a: AttemptKey | undefined, b: AttemptKey | undefined): boolean => !!a && !!b && a.every((part, i) => part === b[i]);

/** A URL is loaded first, then held to the same rules as a file and framed where its origin allows. */
async function prepare(
  key: AttemptKey,
  preflight: NonNullable<UsePreparedImageOptions['preflight']>,
  loadUrl: NonNullable<UsePreparedImageOptions['loadUrl']>,
  signal: AbortSignal,
): Promise<PreparedImage> {
  const [source, size, fit, format, maxBytes, minDimension] = key;
  let file: Blob;
  if (typeof source === 'string') {
    const loaded = await loadUrl(source, { signal });
    if (!loaded.file) {
      if (Math.min(loaded.width, loaded.height) < minDimension) {
        throw new ImagePreflightError('too-small', `The image is ${loaded.width}×${loaded.height}.`);
      }
      return { source, size, image: source, width: loaded.width, height: loaded.height };
    }
    file = loaded.file;
  } else {
    file = source;
  }
  const result = await preflight(file, { size, fit, format, maxBytes, minDimension, signal });
  return { source, size, image: result.blob, width: result.width, height: result.height };
}

/**
 * Prepares an image for a video size on one path: a URL is loaded, a file checked, decoded,
 * framed and re-encoded. Each attempt has its own `AbortController`, aborted as soon as it is
 * superseded (new source, size or options) or the component unmounts, so a replaced 12-megapixel
 * decode stops instead of finishing for nothing, and its result is never shown. `status` is derived
 * from the current source and size against the settled result, so it is right in the very render
 * the source changes, with no effect mirroring it.
 */
export function usePreparedImage({
  source,
  size = '1280*720',
  fit = 'cover',
  format = 'jpeg',
  maxBytes = DEFAULT_MAX_IMAGE_BYTES,
  minDimension = DEFAULT_MIN_IMAGE_DIMENSION,
  preflight = preflightImage,
  loadUrl = loadImageUrl,
  onSettled,
}: UsePreparedImageOptions): UsePreparedImageResult {
  const [settled, setSettled] = useState<Settled>({});
  // The latest functions, read when an attempt starts or settles: a new identity each render must
  // not restart the work.
  const latest = useRef({ preflight, loadUrl, onSettled });
  useEffect(() => {
    latest.current = { preflight, loadUrl, onSettled };
  });

  const key: AttemptKey | undefined = source ? [source, size, fit, format, maxBytes, minDimension] : undefined;
  const ready = sameKey(settled.ready?.[0], key) ? settled.ready![1] : undefined;
  const failure = !ready && sameKey(settled.failed?.[0], key) ? settled.failed![1] : undefined;
  const status: PreparedImageStatus = !key ? 'idle' : ready ? 'ready' : failure ? 'rejected' : 'preparing';
  const needed = status === 'preparing';

  useEffect(() => {
    if (!needed || !source) return;
    const attempt: AttemptKey = [source, size, fit, format, maxBytes, minDimension];
    const controller = new AbortController();
    const { signal } = controller;
    prepare(attempt, latest.current.preflight, latest.current.loadUrl, signal).then(
      (prepared) => {
        if (signal.aborted) return;
        setSettled((previous) => ({ ...previous, ready: [attempt, prepared] }));
        latest.current.onSettled?.({ prepared });
      },
      (error: unknown) => {
        // A superseded attempt says nothing, whatever it threw.
        if (signal.aborted) return;
        const failure: PreparedImageFailure = {
          source,
          size,
          // Preflight says why it refused; anything else thrown means the image could not be read.
          code: error instanceof ImagePreflightError ? error.code : 'unreadable',
          file: source instanceof Blob ? source : undefined,
          error,
        };
        setSettled((previous) => ({ ...previous, failed: [attempt, failure] }));
        latest.current.onSettled?.({ failure });
      },
    );
    return () => controller.abort();
  }, [needed, source, size, fit, format, maxBytes, minDimension]);

  const retry = useCallback(
    (which?: ImageSource) =>
      setSettled((previous) => (previous.failed && (which === undefined || previous.failed[0][0] === which) ? { ready: previous.ready } : previous)),
    [],
  );

  return { status, prepared: ready, failure, lastPrepared: settled.ready?.[1], retry };
}
