import * as z from 'zod/mini';
import { isHttpUrl } from './isHttpUrl';
import { isPromptStyle, PROMPT_OPTIMIZER_MESSAGES as M } from './promptOptimizerRules';
import { PROMPT_STYLES, type PromptStyle } from './protocol';
import { IMAGE_URL_MAX_LENGTH, PROMPT_MAX_LENGTH } from './submitInputRules';

// The styles are protocol facts; re-exported beside the schema that checks them.
export { PROMPT_STYLES, type PromptStyle };

/**
 * What the prompt optimizer is asked, as a zod schema for the proxy's users and the testing kit.
 * `parsePromptOptimizerInput` applies the same rules without zod, on the browser path and in the proxy. The image must be a URL (an uploaded image's): the optimizer only
 * needs to look at it, and a data URI would put megabytes in a request that costs $0.001.
 * `mode` is not here: this library always asks for a video prompt, and the proxy sets it.
 */
export const promptOptimizerInputSchema = z.object({
  text: z.string().check(
    z.trim(),
    z.minLength(1, M.textEmpty),
    z.maxLength(PROMPT_MAX_LENGTH, M.textTooLong),
  ),
  image: z.string().check(
    z.trim(),
    z.minLength(1, M.imageEmpty),
    z.maxLength(IMAGE_URL_MAX_LENGTH, M.imageTooLong),
    z.refine(isHttpUrl, M.imageNotUrl),
  ),
  style: z._default(
    z.custom<PromptStyle>(isPromptStyle, M.style),
    'default',
  ),
});

/** What a caller passes to `optimizePrompt`: `style` may be left out. */
export type PromptOptimizerInputDraft = z.input<typeof promptOptimizerInputSchema>;
/** A validated optimizer request, `style` filled in. */
export type PromptOptimizerInput = z.output<typeof promptOptimizerInputSchema>;
