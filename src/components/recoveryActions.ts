import type { ImageToVideoError } from '../core/index';

/** What the user can do about a failure: send it again, or change what was sent. */
export type RecoveryAction = 'retry' | 'change-image' | 'edit-prompt';

/**
 * The actions worth offering for an error. A retryable error gets "Try again"; one that the same
 * input would meet again gets the edit that can help instead, never a blind resend (a moderation
 * refusal resent is refused again, and may be billed). Errors only the site owner can fix
 * (key, permission, credit) get none.
 */
export function recoveryActions(error: ImageToVideoError): RecoveryAction[] {
  // WaveSpeed could not fetch the image: maybe a blip, maybe an image it will never reach.
  if (error.kind === 'media-unreachable') return error.retryable ? ['change-image', 'retry'] : ['change-image'];
  if (error.retryable) return ['retry'];
  switch (error.kind) {
    case 'content-moderated':
      return ['change-image', 'edit-prompt'];
    case 'invalid-input': {
      const fields = Object.keys(error.fieldErrors ?? {});
      const actions: RecoveryAction[] = [];
      if (fields.includes('image')) actions.push('change-image');
      if (fields.includes('prompt')) actions.push('edit-prompt');
      return actions.length > 0 ? actions : ['change-image', 'edit-prompt'];
    }
    case 'bad-response':
    case 'task-failed':
      // No cause the user can act on, and the next attempt may well succeed.
      return ['retry'];
    default:
      return [];
  }
}
