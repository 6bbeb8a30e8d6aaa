import { ImageToVideoError, type FieldErrors } from './ImageToVideoError';
import { submitInputSchema, type SubmitInput } from './submitInputSchema';

/**
 * Validates a submit body, filling in defaults. Throws an `invalid-input` error whose
 * `fieldErrors` name each field that needs attention.
 */
export function parseSubmitInput(value: unknown): SubmitInput {
  const result = submitInputSchema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'input';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const message = fieldErrors.input?.[0] ?? 'Some fields need attention.';
  throw new ImageToVideoError('invalid-input', message, { fieldErrors, retryable: false });
}
