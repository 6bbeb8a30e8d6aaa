import type { Prediction } from './predictionSchema';
import type { PromptOptimizerInputDraft } from './promptOptimizerInputSchema';
import type { SubmitInput } from './submitInputSchema';

export interface SubmitOptions {
  signal?: AbortSignal;
  /** One key per user intent: a repeat with the same key must not create a second task. */
  idempotencyKey: string;
}

/** What `submit` answers: the accepted prediction, and what the server knows of how long it takes. */
export type SubmitAnswer = Prediction & {
  /**
   * When the task is likely to finish, in ms after it was accepted, measured by the server on its
   * recent tasks of the same duration (the proxy's `x-i2v-expected-window-ms`). Optional.
   */
  expectedWindowMs?: readonly [number, number];
};

export interface GetResultOptions {
  signal?: AbortSignal;
  /**
   * Ask the server to hold the read open until the task finishes or this many ms pass (a
   * long-poll). Only sent when the transport's `maxWaitMs()` says the server can; capped there.
   * Default none: answer at once.
   */
  waitMs?: number;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Sent as the multipart file name. Default `image` plus an extension from the type. */
  filename?: string;
}

export interface OptimizePromptOptions {
  signal?: AbortSignal;
}

export interface UploadResult {
  /** A public URL the model can fetch. */
  url: string;
}

/**
 * How the library talks to WaveSpeed. The default goes through a proxy on the host's own server
 * (`createProxyTransport`); anything with these methods works (tRPC, server actions, a mock).
 * Each method resolves with parsed values or rejects with an `ImageToVideoError`.
 */
export interface ImageToVideoTransport {
  submit(input: SubmitInput, options: SubmitOptions): Promise<SubmitAnswer>;
  getResult(id: string, options?: GetResultOptions): Promise<Prediction>;
  /**
   * Optional: the longest `waitMs` the server grants, once its answers have said it can hold a
   * read open (push completion); `undefined` until then. Without it the status is polled.
   */
  maxWaitMs?(): number | undefined;
  /** Optional: without it, images are sent inline as data URIs. */
  upload?(file: Blob, options?: UploadOptions): Promise<UploadResult>;
  /**
   * Optional: asks WaveSpeed's prompt optimizer for a richer video prompt and resolves with its
   * text. Without it, `usePromptOptimizer` reports an `invalid-input` error and the drop-in hides
   * its "Improve prompt" button.
   */
  optimizePrompt?(input: PromptOptimizerInputDraft, options?: OptimizePromptOptions): Promise<string>;
  /**
   * Optional: starts loading what the first call needs, so that call does not wait for it (the
   * proxy transport loads its request code on first use). Never throws. The drop-in calls it as
   * soon as an image is chosen.
   */
  preload?(): void;
}
