/**
 * Numbers as the exporters write them. Fixed precision makes export → import → export give the
 * same bytes: re-rounding a value that was read back from its own rounded text gives that text again.
 */

/** Pixel coordinates: hundredths of a pixel, trailing zeros dropped (`12.5`, `3`). */
export function px(value: number): number {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/** Relative coordinates (YOLO): six decimals, as the YOLO tools write them. */
export function rel6(value: number): string {
  const fixed = value.toFixed(6);
  return fixed === '-0.000000' ? '0.000000' : fixed;
}

/** Area of a simple polygon (shoelace formula), absolute. */
export function polygonArea(points: [number, number][]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

export function polygonBounds(points: [number, number][]): { x: number; y: number; width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `b - a` without the floating-point dust of subtracting two decimals (566.3 - 412.3 = 154, not 153.99999999999994). */
export function extent(a: number, b: number): number {
  return Math.round((b - a) * 1e9) / 1e9;
}

/**
 * The envelope of a rotated box, kept inside the image: the rotated box is inside it, its
 * envelope's corners often are not, and a box past the edge would be refused.
 */
export function clampToImage(box: { x: number; y: number; width: number; height: number }, width: number, height: number): { x: number; y: number; width: number; height: number } {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(width, box.x + box.width);
  const y1 = Math.min(height, box.y + box.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
