const STYLE_PHRASES: Record<string, string> = {
  default: 'natural, lifelike motion',
  artistic: 'painterly, expressive motion with rich colour',
  photographic: 'true-to-life motion with a shallow depth of field',
  technical: 'precise, steady motion with every detail sharp',
  anime: 'fluid anime-style motion with crisp outlines',
  realistic: 'physically plausible motion and natural light',
};

/**
 * The simulator's stand-in for WaveSpeed's prompt optimizer: the same text and style always give
 * the same richer prompt, which visibly differs from (and contains) what the user wrote, so demos
 * and tests can tell an improved prompt from the original.
 */
export function simulatedPromptRewrite(text: string, style = 'default'): string {
  const subject = text.trim().replace(/[.!?\s]+$/, '');
  const phrase = STYLE_PHRASES[style] ?? STYLE_PHRASES.default;
  return `${subject}. The camera pushes in slowly as the scene comes alive with ${phrase}; soft cinematic lighting, gentle parallax, smooth 24 fps.`;
}
