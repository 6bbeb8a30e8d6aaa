/**
 * - `uploading`: the image is being uploaded. `submitting`: the task is being created.
 * - `queued` / `processing`: the task exists upstream (`created` / `processing`).
 * - `completed`: `videoUrl` is ready. `failed`: see `error`. `canceled`: `cancel()` was called.
 */
export type ImageToVideoStatus =
  | 'idle'
  | 'uploading'
  | 'submitting'
  | 'queued'
  | 'processing'
  | 'completed'
  | 'failed'
  | 'canceled';
