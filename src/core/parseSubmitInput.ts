import * as z from 'zod/mini';
import { ImageToVideoError } from './ImageToVideoError';
import { submitInputSchema, type SubmitInput } from './submitInputSchema';

/**
 * Validates a submit body, filling in defaults. Throws an `invalid-input` error whose
 * `fieldErrors` name each field that needs attention.
 */
export function parseSubmitInput(value: unknown): SubmitInput {
  const result = submitInputSchema.safeParse(value);
  if (result.success) return result.data;
  const { formErrors, fieldErrors } = z.flattenError(result.error);
  const message = formErrors[0] ?? 'Some fields need attention.';
  return throwInvalid(message, fieldErrors);
}

function throwInvalid(message: string, fieldErrors: Record<string, string[] | undefined>): never {
  throw new ImageToVideoError('invalid-input', message, { fieldErrors, retryable: false });
}
