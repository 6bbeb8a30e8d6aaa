/** Output formats preflight can produce. JPEG is what every model host accepts. */
export type PreflightFormat = 'jpeg' | 'webp';

export interface Encoding {
  type: 'image/jpeg' | 'image/webp';
  quality: number;
}

/**
 * Which encoder to ask the canvas for. WebP only when asked for and the browser can encode it
 * (Safari's canvas silently answers PNG for WebP, which would be larger, not smaller).
 */
export function chooseEncoding(format: PreflightFormat, canEncodeWebp: boolean): Encoding {
  if (format === 'webp' && canEncodeWebp) return { type: 'image/webp', quality: 0.82 };
  return { type: 'image/jpeg', quality: 0.85 };
}
