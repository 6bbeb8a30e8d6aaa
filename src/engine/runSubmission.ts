import type { QueryClient } from '@tanstack/react-query';
import { ImageToVideoError, type FieldErrors } from '../core/ImageToVideoError';
import type { ImageToVideoTransport, UploadProgress } from '../core/ImageToVideoTransport';
import { parseSubmitInput } from '../core/parseSubmitInput';
import type { Prediction } from '../core/predictionSchema';
import type { SubmitInput } from '../core/submitInputSchema';
import { toImageToVideoError } from '../core/toImageToVideoError';
import { blobToDataUri } from '../core/blobToDataUri';
import type { ImageMode } from '../core/ImageMode';
import { PENDING_UPLOAD_URL } from './pendingUploadUrl';
import { uploadedImageUrl, uploadImageOnce } from './uploadImageOnce';
import { PREDICTION_GC_TIME_MS } from './predictionGcTimeMs';
import { predictionQueryKey } from './predictionQueryKey';
import type { ImageToVideoRequest } from '../core/ImageToVideoRequest';

export interface SubmissionVariables {
  request: ImageToVideoRequest;
  transport: ImageToVideoTransport;
  imageMode: ImageMode;
  client: QueryClient;
  idempotencyKey: string;
  signal: AbortSignal;
  onUploadStart: () => void;
  onUploadProgress: (progress: UploadProgress) => void;
  onSubmitStart: () => void;
}

export interface Submission {
  prediction: Prediction;
  /** The body that was sent: validated, with the image as a URL or data URI. */
  input: SubmitInput;
  /** Epoch ms when the task was accepted. */
  acceptedAt: number;
  /** The server's window for when tasks like this finish, in ms after acceptance, if it sent one. */
  expectedWindowMs: readonly [number, number] | undefined;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ImageToVideoError('canceled', 'The request was canceled.');
}

function validate(request: ImageToVideoRequest): void {
  const fieldErrors: FieldErrors = {};
  let message: string | undefined;
  if (typeof request.image !== 'string') {
    if (!request.image.type.startsWith('image/')) fieldErrors.image = ['Choose an image file.'];
    else if (request.image.size === 0) fieldErrors.image = ['The image file is empty.'];
  }
  try {
    parseSubmitInput({
      ...request,
      image: typeof request.image === 'string' ? request.image : PENDING_UPLOAD_URL,
    });
  } catch (error) {
    const parsed = toImageToVideoError(error);
    if (parsed.kind !== 'invalid-input') throw parsed;
    message = parsed.message;
    for (const [field, messages] of Object.entries(parsed.fieldErrors ?? {})) {
      fieldErrors[field] = [...(fieldErrors[field] ?? []), ...(messages ?? [])];
    }
  }
  if (Object.keys(fieldErrors).length > 0 || message !== undefined) {
    throw new ImageToVideoError('invalid-input', message ?? 'Some fields need attention.', {
      fieldErrors,
      retryable: false,
    });
  }
}

async function imageUrl(v: SubmissionVariables): Promise<string> {
  const { image } = v.request;
  if (typeof image === 'string') return image;
  // Shared with the prompt optimizer: an image it already uploaded is submitted by that URL, and a
  // retry re-sends the URL instead of the bytes.
  const uploaded = uploadedImageUrl(v.transport, image);
  if (uploaded !== undefined) return uploaded;
  if (v.imageMode === 'data-uri' || !v.transport.upload) return blobToDataUri(image, v.signal);
  return uploadImageOnce(v.transport, image, { signal: v.signal, onUploadStart: v.onUploadStart, onProgress: v.onUploadProgress });
}

/**
 * The submit mutation's function: validate, upload (or inline) the image, submit once with the
 * intent's idempotency key, and seed the prediction query with the answer so watching starts
 * from the accepted state instead of an immediate extra read. Rejects only with `ImageToVideoError`.
 */
export async function runSubmission(v: SubmissionVariables): Promise<Submission> {
  try {
    validate(v.request);
    throwIfAborted(v.signal);
    const image = await imageUrl(v);
    throwIfAborted(v.signal);
    v.onSubmitStart();
    const { enablePromptOptimizer, ...request } = v.request;
    // Sent only when asked for: this model does not document the flag.
    const input = parseSubmitInput({ ...request, image, ...(enablePromptOptimizer === undefined ? {} : { enable_prompt_optimizer: enablePromptOptimizer }) });
    const { expectedWindowMs, ...prediction } = await v.transport.submit(input, { signal: v.signal, idempotencyKey: v.idempotencyKey });
    const acceptedAt = Date.now();
    // Built with our options first: a query created by setQueryData alone takes the client's
    // default gcTime (5 min), and react-query only ever lengthens a query's gcTime.
    const queryKey = predictionQueryKey(prediction.id);
    v.client.getQueryCache().build(v.client, { queryKey, gcTime: PREDICTION_GC_TIME_MS });
    v.client.setQueryData(queryKey, prediction);
    return { prediction, input, acceptedAt, expectedWindowMs };
  } catch (error) {
    throw toImageToVideoError(error);
  }
}
