export type Orientation = 'landscape' | 'portrait';

const SIZES: Record<Orientation, [number, number]> = { landscape: [1600, 1000], portrait: [900, 1400] };

/**
 * A "photo" drawn in the browser (sky, sun, hills), so stories and browser tests need no binary
 * fixtures: a real JPEG that preflight decodes, frames and re-encodes like a user's picture.
 */
export async function makePhoto(orientation: Orientation = 'landscape'): Promise<File> {
  const [width, height] = SIZES[orientation];
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const sky = context.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#1e3a8a');
  sky.addColorStop(0.6, '#f59e0b');
  context.fillStyle = sky;
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#fde68a';
  context.beginPath();
  context.arc(width * 0.7, height * 0.45, Math.min(width, height) * 0.12, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = '#14532d';
  context.beginPath();
  context.moveTo(0, height);
  for (let x = 0; x <= width; x += width / 8) context.lineTo(x, height * (0.7 + 0.08 * Math.sin(x / 120)));
  context.lineTo(width, height);
  context.fill();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return new File([blob], `${orientation}-${width}x${height}.jpg`, { type: 'image/jpeg' });
}
