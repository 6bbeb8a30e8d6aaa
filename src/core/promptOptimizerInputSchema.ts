import * as z from 'zod/mini';
import { isHttpUrl } from './isHttpUrl';
import { IMAGE_URL_MAX_LENGTH, PROMPT_MAX_LENGTH } from './submitInputSchema';

/** The optimizer's writing styles, as WaveSpeed spells them. `default` lets it choose. */
export const PROMPT_STYLES = ['default', 'artistic', 'photographic', 'technical', 'anime', 'realistic'] as const;

export type PromptStyle = (typeof PROMPT_STYLES)[number];

/**
 * What the prompt optimizer is asked, checked by the client before a request leaves and by the
 * proxy before it forwards one. The image must be a URL (an uploaded image's): the optimizer only
 * needs to look at it, and a data URI would put megabytes in a request that costs $0.001.
 * `mode` is not here: this library always asks for a video prompt, and the proxy sets it.
 */
export const promptOptimizerInputSchema = z.object({
  text: z.string().check(
    z.trim(),
    z.minLength(1, 'Write a prompt to improve.'),
    z.maxLength(PROMPT_MAX_LENGTH, `The prompt can be at most ${PROMPT_MAX_LENGTH} characters.`),
  ),
  image: z.string().check(
    z.trim(),
    z.minLength(1, 'Choose an image.'),
    z.maxLength(IMAGE_URL_MAX_LENGTH, `The image URL can be at most ${IMAGE_URL_MAX_LENGTH} characters.`),
    z.refine(isHttpUrl, 'The image must be an http(s) URL, such as an uploaded image’s address.'),
  ),
  style: z._default(
    z.custom<PromptStyle>((value) => (PROMPT_STYLES as readonly unknown[]).includes(value), `Style must be one of ${PROMPT_STYLES.join(', ')}.`),
    'default',
  ),
});

/** What a caller passes to `optimizePrompt`: `style` may be left out. */
export type PromptOptimizerInputDraft = z.input<typeof promptOptimizerInputSchema>;
/** A validated optimizer request, `style` filled in. */
export type PromptOptimizerInput = z.output<typeof promptOptimizerInputSchema>;
