import { ImageToVideoError, type FieldErrors } from './ImageToVideoError';
import { isHttpUrl } from './isHttpUrl';
import { isPromptStyle, PROMPT_OPTIMIZER_MESSAGES as M } from './promptOptimizerRules';
import type { PromptOptimizerInput } from './promptOptimizerInputSchema';
import { IMAGE_URL_MAX_LENGTH, PROMPT_MAX_LENGTH } from './submitInputRules';

/**
 * Validates a prompt-optimizer request, filling in `style`. Throws an `invalid-input` error whose
 * `fieldErrors` name each field (`text`, `image`, `style`) that needs attention.
 *
 * Hand-written, like `parseSubmitInput`, so the "Improve prompt" button does not bring zod's
 * runtime back into the browser bundle; test/core/browserParsers.test.ts holds it to
 * `promptOptimizerInputSchema`'s answers, messages included.
 */
export function parsePromptOptimizerInput(value: unknown): PromptOptimizerInput {
  const fieldErrors: FieldErrors = {};
  const fail = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('input', M.invalid);
  } else {
    const body = value as Record<string, unknown>;
    const text = typeof body.text === 'string' ? body.text.trim() : undefined;
    if (text === undefined) fail('text', M.invalid);
    else {
      if (text.length < 1) fail('text', M.textEmpty);
      if (text.length > PROMPT_MAX_LENGTH) fail('text', M.textTooLong);
    }
    const image = typeof body.image === 'string' ? body.image.trim() : undefined;
    if (image === undefined) fail('image', M.invalid);
    else {
      // Every rule of a field is checked, as the schema does: an empty image breaks two.
      if (image.length < 1) fail('image', M.imageEmpty);
      if (image.length > IMAGE_URL_MAX_LENGTH) fail('image', M.imageTooLong);
      if (!isHttpUrl(image)) fail('image', M.imageNotUrl);
    }
    const style = body.style === undefined ? 'default' : body.style;
    if (!isPromptStyle(style)) fail('style', M.style);

    if (Object.keys(fieldErrors).length === 0) return { text: text!, image: image!, style: style as PromptOptimizerInput['style'] };
  }
  const message = Object.values(fieldErrors).flat()[0] ?? 'Some fields need attention.';
  throw new ImageToVideoError('invalid-input', message, { fieldErrors, retryable: false });
}
