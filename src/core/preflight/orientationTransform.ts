/** How to draw a stored image so it appears upright. */
export interface OrientationTransform {
  /** Upright size. */
  width: number;
  height: number;
  /** Canvas `setTransform(a, b, c, d, e, f)` to apply before drawing the stored image at 0,0. */
  matrix: readonly [number, number, number, number, number, number];
}

/**
 * The transform EXIF orientation `orientation` (1–8) asks for, for a stored image of
 * `width`×`height`. Orientations 5–8 swap width and height.
 */
export function orientationTransform(orientation: number, width: number, height: number): OrientationTransform {
  const w = width;
  const h = height;
  switch (orientation) {
    case 2: return { width: w, height: h, matrix: [-1, 0, 0, 1, w, 0] };
    case 3: return { width: w, height: h, matrix: [-1, 0, 0, -1, w, h] };
    case 4: return { width: w, height: h, matrix: [1, 0, 0, -1, 0, h] };
    case 5: return { width: h, height: w, matrix: [0, 1, 1, 0, 0, 0] };
    case 6: return { width: h, height: w, matrix: [0, 1, -1, 0, h, 0] };
    case 7: return { width: h, height: w, matrix: [0, -1, -1, 0, h, w] };
    case 8: return { width: h, height: w, matrix: [0, -1, 1, 0, 0, w] };
    default: return { width: w, height: h, matrix: [1, 0, 0, 1, 0, 0] };
  }
}
