import { ImageToVideoError, type FieldErrors } from './ImageToVideoError';
import { SUBMIT_INPUT_MESSAGES as M, PROMPT_MAX_LENGTH, isAcceptableImage, isVideoDuration, isVideoSize } from './submitInputRules';
import type { SubmitInput } from './submitInputSchema';

/**
 * Validates a submit body, filling in defaults. Throws an `invalid-input` error whose
 * `fieldErrors` name each field that needs attention.
 *
 * Hand-written rather than `submitInputSchema.safeParse`: this runs in the browser on every
 * submit, and zod's runtime (~5 kB gzip) was a fifth of the drop-in's first-load JS in a Next.js
 * app. test/core/browserParsers.test.ts holds it to the schema's answers, messages included.
 */
export function parseSubmitInput(value: unknown): SubmitInput {
  const fieldErrors: FieldErrors = {};
  const fail = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('input', M.invalid);
  } else {
    const body = value as Record<string, unknown>;
    const image = typeof body.image === 'string' ? body.image.trim() : undefined;
    if (image === undefined) fail('image', M.invalid);
    else {
      // Every rule of a field is checked, as the schema does: an empty image breaks two.
      if (image.length < 1) fail('image', M.imageEmpty);
      if (!isAcceptableImage(image)) fail('image', M.imageNotAccepted);
    }
    const prompt = typeof body.prompt === 'string' ? body.prompt.trim() : undefined;
    if (prompt === undefined) fail('prompt', M.invalid);
    else {
      if (prompt.length < 1) fail('prompt', M.promptEmpty);
      if (prompt.length > PROMPT_MAX_LENGTH) fail('prompt', M.promptTooLong);
    }
    const size = body.size === undefined ? '1280*720' : body.size;
    if (!isVideoSize(size)) fail('size', M.size);
    const duration = body.duration === undefined ? 5 : body.duration;
    if (!isVideoDuration(duration)) fail('duration', M.duration);
    const optimize = body.enable_prompt_optimizer;
    if (optimize !== undefined && typeof optimize !== 'boolean') fail('enable_prompt_optimizer', M.invalid);

    if (Object.keys(fieldErrors).length === 0) {
      const input: SubmitInput = { image: image!, prompt: prompt!, size: size as SubmitInput['size'], duration: duration as SubmitInput['duration'] };
      // Opt-in only: sent when asked for, never by default.
      if (optimize !== undefined) input.enable_prompt_optimizer = optimize as boolean;
      return input;
    }
  }
  const message = fieldErrors.input?.[0] ?? 'Some fields need attention.';
  throw new ImageToVideoError('invalid-input', message, { fieldErrors, retryable: false });
}
