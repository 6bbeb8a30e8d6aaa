/**
 * The size to ask a decoder for so a JPEG is decoded at reduced scale (libjpeg scales by n/8 while
 * decoding, far cheaper than decoding every pixel and scaling after) yet still holds at least
 * `scale` of the stored resolution. Chromium's `ImageDecoder` picks the largest n/8 whose size fits
 * in the size asked for, so this asks for exactly that n/8. `undefined` when the full size is needed.
 */
export function scaledDecodeSize(
  stored: { width: number; height: number },
  scale: number,
): { width: number; height: number } | undefined {
  // The epsilon keeps an exact 3/8 from becoming 4/8 through floating-point error.
  const eighths = Math.max(1, Math.ceil(scale * 8 - 1e-9));
  if (eighths >= 8) return undefined;
  return { width: Math.ceil((stored.width * eighths) / 8), height: Math.ceil((stored.height * eighths) / 8) };
}
