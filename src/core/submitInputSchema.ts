import * as z from 'zod/mini';
import {
  PROMPT_MAX_LENGTH,
  SUBMIT_INPUT_MESSAGES as M,
  isAcceptableImage,
  isVideoDuration,
  isVideoSize,
  type VideoDuration,
  type VideoSize,
} from './submitInputRules';

// The constants moved beside the hand-written check that the browser uses (submitInputRules),
// so importing one of them no longer pulls zod into a bundle; they stay exported from here.
export {
  VIDEO_SIZES,
  VIDEO_DURATIONS,
  PROMPT_MAX_LENGTH,
  IMAGE_URL_MAX_LENGTH,
  IMAGE_DATA_URI_MAX_LENGTH,
  type VideoSize,
  type VideoDuration,
} from './submitInputRules';

/**
 * The submit body, exactly as the model takes it, as a zod schema: for composing with your own
 * schemas. Fields the model does not declare are dropped. The client and the proxy check bodies
 * with `parseSubmitInput`, which applies the same rules without zod (kept out of browser bundles;
 * a test holds both to the same answers).
 */
export const submitInputSchema = z.object({
  image: z.string().check(
    z.trim(),
    z.minLength(1, M.imageEmpty),
    z.refine(isAcceptableImage, M.imageNotAccepted),
  ),
  prompt: z.string().check(
    z.trim(),
    z.minLength(1, M.promptEmpty),
    z.maxLength(PROMPT_MAX_LENGTH, M.promptTooLong),
  ),
  size: z._default(z.custom<VideoSize>(isVideoSize, M.size), '1280*720'),
  duration: z._default(z.custom<VideoDuration>(isVideoDuration, M.duration), 5),
  // Opt-in only: sibling Luma models document it, this one does not, so WaveSpeed may ignore it.
  enable_prompt_optimizer: z.optional(z.boolean()),
});

/** What a caller passes to `submit`: `size` and `duration` may be left out. */
export type SubmitInputDraft = z.input<typeof submitInputSchema>;
/** A validated submit body, with defaults filled in. */
export type SubmitInput = z.output<typeof submitInputSchema>;
