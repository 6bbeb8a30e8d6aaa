import { PROMPT_STYLES, type PromptStyle } from './protocol';
import { IMAGE_URL_MAX_LENGTH, PROMPT_MAX_LENGTH } from './submitInputRules';

/** What each optimizer rule says when broken: shown beside the field, answered in the proxy's 422s. */
export const PROMPT_OPTIMIZER_MESSAGES = {
  invalid: 'Invalid input',
  textEmpty: 'Write a prompt to improve.',
  textTooLong: `The prompt can be at most ${PROMPT_MAX_LENGTH} characters.`,
  imageEmpty: 'Choose an image.',
  imageTooLong: `The image URL can be at most ${IMAGE_URL_MAX_LENGTH} characters.`,
  imageNotUrl: 'The image must be an http(s) URL, such as an uploaded image’s address.',
  style: `Style must be one of ${PROMPT_STYLES.join(', ')}.`,
} as const;

export const isPromptStyle = (value: unknown): value is PromptStyle => (PROMPT_STYLES as readonly unknown[]).includes(value);
