import {
  isHttpUrl,
  PROMPT_MAX_LENGTH,
  VIDEO_DURATIONS,
  VIDEO_SIZES,
  type SubmitInput,
  type VideoDuration,
  type VideoSize,
} from '../core/index';

/** A running job as remembered across a reload: its id and what was submitted for it. */
export interface PersistedJob {
  id: string;
  /** The uploaded image's http(s) URL; absent for an inlined data URI (too large to keep). */
  image?: string;
  prompt?: string;
  size?: VideoSize;
  duration?: VideoDuration;
}

/** The stored text for a job: JSON, so the form can be refilled when the job resumes. */
export function serializePersistedJob(id: string, input: SubmitInput): string {
  const job: PersistedJob = {
    id,
    image: isHttpUrl(input.image) ? input.image : undefined,
    prompt: input.prompt,
    size: input.size,
    duration: input.duration,
  };
  return JSON.stringify(job);
}

/**
 * Reads what `serializePersistedJob` wrote, keeping only fields that are still valid (storage is
 * editable by anyone with devtools); a bare id is what earlier versions stored.
 */
export function parsePersistedJob(text: string): PersistedJob | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text.trim() ? { id: text } : undefined;
  }
  if (typeof value === 'string') return value ? { id: value } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (typeof fields.id !== 'string' || !fields.id) return undefined;
  const { image, prompt, size, duration } = fields;
  return {
    id: fields.id,
    image: typeof image === 'string' && isHttpUrl(image) ? image : undefined,
    prompt: typeof prompt === 'string' && prompt.length <= PROMPT_MAX_LENGTH ? prompt : undefined,
    size: (VIDEO_SIZES as readonly unknown[]).includes(size) ? (size as VideoSize) : undefined,
    duration: (VIDEO_DURATIONS as readonly unknown[]).includes(duration) ? (duration as VideoDuration) : undefined,
  };
}
