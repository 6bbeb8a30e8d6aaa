import { ImageToVideoError, type FieldErrors } from './ImageToVideoError';
import { promptOptimizerInputSchema, type PromptOptimizerInput } from './promptOptimizerInputSchema';

/**
 * Validates a prompt-optimizer request, filling in `style`. Throws an `invalid-input` error whose
 * `fieldErrors` name each field (`text`, `image`, `style`) that needs attention.
 */
export function parsePromptOptimizerInput(value: unknown): PromptOptimizerInput {
  const result = promptOptimizerInputSchema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'input';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const message = Object.values(fieldErrors).flat()[0] ?? 'Some fields need attention.';
  throw new ImageToVideoError('invalid-input', message, { fieldErrors, retryable: false });
}
