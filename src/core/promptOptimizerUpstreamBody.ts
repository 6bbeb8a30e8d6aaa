import type { PromptOptimizerInput } from './promptOptimizerInputSchema';

/**
 * The exact body a proxy sends to WaveSpeed's prompt optimizer: the checked fields, always a video
 * prompt, and sync mode so the improved text comes back in the same round trip.
 */
export function promptOptimizerUpstreamBody(input: PromptOptimizerInput): string {
  return JSON.stringify({ text: input.text, image: input.image, style: input.style, mode: 'video', enable_sync_mode: true });
}
