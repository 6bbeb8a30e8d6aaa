import { ImageToVideoError } from '../core/ImageToVideoError';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import { parsePromptOptimizerInput } from '../core/parsePromptOptimizerInput';
import type { PromptStyle } from '../core/promptOptimizerInputSchema';
import { toImageToVideoError } from '../core/toImageToVideoError';
import { PENDING_UPLOAD_URL } from './pendingUploadUrl';
import { uploadImageOnce } from './uploadImageOnce';

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

export interface OptimizationVariables {
  request: PromptOptimizerRequest;
  transport: ImageToVideoTransport;
  signal: AbortSignal;
  onStage: (stage: 'uploading' | 'optimizing') => void;
}

/**
 * The prompt optimizer mutation's function: check the text and style before any byte leaves,
 * upload a Blob once (shared with the submit), then ask. Rejects only with `ImageToVideoError`.
 */
export async function runOptimization({ request, transport, signal, onStage }: OptimizationVariables): Promise<string> {
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
