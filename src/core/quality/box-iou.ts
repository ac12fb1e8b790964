/** Axis-aligned boxes in image pixels, origin top-left, as in the label schema's box regions. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxArea(b: Box): number {
  return Math.max(0, b.width) * Math.max(0, b.height);
}

/** Intersection over union; two empty boxes have IoU 0. */
export function boxIoU(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const intersection = w * h;
  const union = boxArea(a) + boxArea(b) - intersection;
  return union > 0 ? intersection / union : 0;
}

/** A box from its corners (x1, y1) top-left and (x2, y2) bottom-right. */
export function boxFromCorners(x1: number, y1: number, x2: number, y2: number): Box {
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}
