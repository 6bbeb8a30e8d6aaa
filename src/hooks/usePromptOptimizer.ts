import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import { parsePromptOptimizerInput } from '../core/parsePromptOptimizerInput';
import type { PromptStyle } from '../core/promptOptimizerInputSchema';
import { toImageToVideoError } from '../core/toImageToVideoError';
import { uploadImageOnce } from '../engine/uploadImageOnce';
import { useImageToVideoConfig } from './useImageToVideoConfig';

/** What to improve: the user's prompt and the image the video will be made from. */
export interface PromptOptimizerRequest {
  text: string;
  /**
   * A Blob/File (uploaded through `transport.upload` unless it already was: the later submit of
   * the same Blob reuses that URL) or an http(s) URL. Data URIs are refused: the optimizer needs a URL.
   */
  image: Blob | string;
  /** Default `'default'`. */
  style?: PromptStyle;
}

/**
 * - `uploading`: the image is being uploaded first. `optimizing`: the optimizer is writing.
 * - `success`: `data` holds the improved prompt. `error`: see `error`.
 */
export type PromptOptimizerStatus = 'idle' | 'uploading' | 'optimizing' | 'success' | 'error';

export interface UsePromptOptimizerOptions {
  /** Default: the provider's, else the proxy transport on `/api/wavespeed`. */
  transport?: ImageToVideoTransport;
  /** Default: the host's, from `QueryClientProvider`. */
  queryClient?: QueryClient;
  /** The improved prompt arrived. Latest render's function. */
  onSuccess?: (text: string, request: PromptOptimizerRequest) => void;
  /** Invalid input, upload, upstream failure or 429. Not called for `cancel()`. Latest render's function. */
  onError?: (error: ImageToVideoError) => void;
}

export interface UsePromptOptimizerResult {
  status: PromptOptimizerStatus;
  /** `uploading` or `optimizing`. */
  isPending: boolean;
  /** The improved prompt of the last successful call. */
  data: string | undefined;
  error: ImageToVideoError | undefined;
  /** Whether the transport offers `optimizePrompt` (the proxy transport does). */
  isSupported: boolean;
  /**
   * Asks for a better prompt; resolves with it, or `undefined` when there is none (invalid input,
   * failure, cancel). Never rejects: errors go to `error` and `onError`. A call while one is
   * pending returns the pending call's promise.
   */
  optimize(request: PromptOptimizerRequest): Promise<string | undefined>;
  /** Aborts the call in flight (and the upload, unless a submit is waiting for it too); back to `idle`. */
  cancel(): void;
  /** Back to `idle`, forgetting `data` and `error`. */
  reset(): void;
}

interface Variables {
  request: PromptOptimizerRequest;
  transport: ImageToVideoTransport;
  signal: AbortSignal;
  onStage: (stage: 'uploading' | 'optimizing') => void;
}

const MUTATION_KEY = ['react-image-to-video', 'optimize-prompt'] as const;
/** Stands in for a Blob not uploaded yet, so the text and style are checked before any byte leaves. */
const PENDING_UPLOAD_URL = 'https://upload.invalid/pending';

async function runOptimization({ request, transport, signal, onStage }: Variables): Promise<string> {
  try {
    const optimizePrompt = transport.optimizePrompt?.bind(transport);
    if (!optimizePrompt) {
      throw new ImageToVideoError('invalid-input', 'This transport has no prompt optimizer.', { retryable: false });
    }
    const { image } = request;
    parsePromptOptimizerInput({ ...request, image: typeof image === 'string' ? image : PENDING_UPLOAD_URL });
    const url =
      typeof image === 'string' ? image : await uploadImageOnce(transport, image, { signal, onUploadStart: () => onStage('uploading') });
    onStage('optimizing');
    return await optimizePrompt({ text: request.text, image: url, style: request.style }, { signal });
  } catch (error) {
    throw toImageToVideoError(error);
  }
}

/**
 * WaveSpeed's prompt optimizer as a react-query mutation: turns "make it move" into a detailed
 * motion prompt for the chosen image (about $0.001 a call, billed apart from the video).
 *
 * A Blob image is uploaded once and shared with `useImageToVideo`: submitting the same Blob later
 * reuses the URL, and an upload already running for either is joined rather than repeated.
 * Unmounting aborts the call in flight.
 */
export function usePromptOptimizer(options: UsePromptOptimizerOptions = {}): UsePromptOptimizerResult {
  const config = useImageToVideoConfig();
  const client = useQueryClient(options.queryClient);
  const transport = options.transport ?? config.transport;
  const [uploading, setUploading] = useState(false);
  const mutation = useMutation<string, ImageToVideoError, Variables>(
    { mutationKey: MUTATION_KEY, mutationFn: runOptimization, retry: false, networkMode: 'always', gcTime: 0 },
    client,
  );
  // The latest committed render's options and transport, read by callbacks when they run.
  const latest = useRef({ options, transport });
  useEffect(() => {
    latest.current = { options, transport };
  });
  const runRef = useRef<{ controller: AbortController; promise: Promise<string | undefined> } | undefined>(undefined);

  const optimize = useCallback(
    (request: PromptOptimizerRequest): Promise<string | undefined> => {
      if (runRef.current) return runRef.current.promise;
      const controller = new AbortController();
      const run = { controller, promise: Promise.resolve<string | undefined>(undefined) };
      runRef.current = run;
      const isCurrent = () => runRef.current === run;
      run.promise = mutation
        .mutateAsync({
          request,
          transport: latest.current.transport,
          signal: controller.signal,
          onStage: (stage) => {
            if (isCurrent()) setUploading(stage === 'uploading');
          },
        })
        .then(
          (text) => {
            if (!isCurrent()) return undefined;
            latest.current.options.onSuccess?.(text, request);
            return text;
          },
          (failure: unknown) => {
            if (isCurrent() && failure instanceof ImageToVideoError) latest.current.options.onError?.(failure);
            return undefined;
          },
        )
        .finally(() => {
          if (!isCurrent()) return;
          runRef.current = undefined;
          setUploading(false);
        });
      return run.promise;
    },
    // `mutation` changes identity every render; only its stable mutateAsync is used.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [latest, mutation.mutateAsync],
  );

  const { reset: resetMutation } = mutation;
  const cancel = useCallback(() => {
    const run = runRef.current;
    runRef.current = undefined;
    run?.controller.abort();
    setUploading(false);
    resetMutation();
  }, [resetMutation]);

  useEffect(
    () => () => {
      runRef.current?.controller.abort();
      runRef.current = undefined;
    },
    [],
  );

  let status: PromptOptimizerStatus;
  if (mutation.isPending) status = uploading ? 'uploading' : 'optimizing';
  else if (mutation.isSuccess) status = 'success';
  else if (mutation.isError) status = 'error';
  else status = 'idle';

  return {
    status,
    isPending: mutation.isPending,
    data: mutation.data,
    error: mutation.error ?? undefined,
    isSupported: typeof transport.optimizePrompt === 'function',
    optimize,
    cancel,
    reset: cancel,
  };
}
