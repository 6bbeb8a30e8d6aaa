import { useQueryClient, type MutationObserver, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import { loadJobSteps } from '../engine/loadJobSteps';
import type { OptimizationVariables, PromptOptimizerRequest } from '../engine/runOptimization';
import { useImageToVideoConfig } from './useImageToVideoConfig';

export type { PromptOptimizerRequest } from '../engine/runOptimization';

type OptimizationMutation = MutationObserver<string, ImageToVideoError, OptimizationVariables>;

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

/**
 * WaveSpeed's prompt optimizer as a react-query mutation (created on the first call): turns "make it move" into a detailed
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
  // Set while a call runs: `optimizing` from the click (the mutation may still be loading), `uploading` while the image goes up.
  const [stage, setStage] = useState<'uploading' | 'optimizing'>();
  // The mutation, created on the first call with the code it runs (see loadJobSteps).
  const [mutation, setMutation] = useState<{ client: QueryClient; observer: OptimizationMutation }>();
  // The same, for callbacks: set when created, not a render later, so a cancel right after reaches it.
  const mutationRef = useRef(mutation);
  const observer = mutation?.client === client ? mutation.observer : undefined;
  const subscribe = useCallback(
    (listener: () => void) => (observer ? observer.subscribe(() => listener()) : () => {}),
    [observer],
  );
  const result = useSyncExternalStore(
    subscribe,
    () => observer?.getCurrentResult(),
    () => undefined,
  );
  // A call whose code failed to load never reached the mutation: its error is kept here.
  const [loadFailure, setLoadFailure] = useState<ImageToVideoError>();
  // The latest committed render's options, transport and client, read by callbacks when they run.
  const latest = useRef({ options, transport, client });
  useEffect(() => {
    latest.current = { options, transport, client };
  });
  const runRef = useRef<{ controller: AbortController; promise: Promise<string | undefined> } | undefined>(undefined);

  const optimize = useCallback((request: PromptOptimizerRequest): Promise<string | undefined> => {
    if (runRef.current) return runRef.current.promise;
    const controller = new AbortController();
    const run = { controller, promise: Promise.resolve<string | undefined>(undefined) };
    runRef.current = run;
    const isCurrent = () => runRef.current === run;
    setStage('optimizing');
    setLoadFailure(undefined);
    const variables: OptimizationVariables = {
      request,
      transport: latest.current.transport,
      signal: controller.signal,
      onStage: (next) => {
        if (isCurrent()) setStage(next);
      },
    };
    run.promise = loadJobSteps()
      .then(
        (steps) => {
          // Canceled while the code loaded: nothing was sent, and nothing is.
          if (!isCurrent()) return undefined;
          const current = latest.current.client;
          if (mutationRef.current?.client !== current) {
            mutationRef.current = { client: current, observer: steps.createOptimizationMutation(current) };
            setMutation(mutationRef.current);
          }
          return mutationRef.current.observer.mutate(variables);
        },
        (error: ImageToVideoError) => {
          if (isCurrent()) setLoadFailure(error);
          throw error;
        },
      )
      .then(
        (text) => {
          if (!isCurrent() || text === undefined) return undefined;
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
        setStage(undefined);
      });
    return run.promise;
  }, []);

  const cancel = useCallback(() => {
    const run = runRef.current;
    runRef.current = undefined;
    run?.controller.abort();
    setStage(undefined);
    setLoadFailure(undefined);
    mutationRef.current?.observer.reset();
  }, []);

  useEffect(
    () => () => {
      runRef.current?.controller.abort();
      runRef.current = undefined;
    },
    [],
  );

  // While a call runs, its stage; after it, its outcome: the mutation's, or the load's failure.
  const settled = stage ? undefined : loadFailure ? { error: loadFailure, data: undefined } : result;
  let status: PromptOptimizerStatus = stage ?? 'idle';
  if (settled?.error) status = 'error';
  else if (settled?.data !== undefined) status = 'success';

  return {
    status,
    isPending: stage !== undefined,
    data: settled?.data,
    error: settled?.error ?? undefined,
    isSupported: typeof transport.optimizePrompt === 'function',
    optimize,
    cancel,
    reset: cancel,
  };
}
