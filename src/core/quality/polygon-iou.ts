/**
 * Exact area of intersection, and IoU, of two simple polygons (convex or not).
 *
 * Each polygon is fanned into triangles from its first vertex; a triangle counts +1 or −1 by its
 * orientation, and their signed indicator functions add up to the polygon's indicator almost
 * everywhere. So area(P ∩ Q) = |Σ_i Σ_j s_i s_j area(T_i ∩ T_j)|, and each term is the
 * intersection of two triangles, i.e. of two convex polygons, which Sutherland–Hodgman clipping
 * computes exactly. O(n·m) triangle pairs; no special cases for concave or touching polygons.
 */
export type Point = readonly [number, number];
export type Polygon = readonly Point[];

export function signedArea(polygon: Polygon): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i]!;
    const [x2, y2] = polygon[(i + 1) % polygon.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

export function polygonArea(polygon: Polygon): number {
  return Math.abs(signedArea(polygon));
}

/** Clips a polygon by the half-plane left of the directed edge a→b (Sutherland–Hodgman step). */
function clipByEdge(subject: Point[], a: Point, b: Point): Point[] {
  const out: Point[] = [];
  const side = (p: Point): number => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  for (let i = 0; i < subject.length; i++) {
    const p = subject[i]!;
    const q = subject[(i + 1) % subject.length]!;
    const sp = side(p);
    const sq = side(q);
    if (sp >= 0) out.push(p);
    if ((sp >= 0) !== (sq >= 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** Area of the intersection of two counter-clockwise triangles (or any two CCW convex polygons). */
export function convexIntersectionArea(subject: Polygon, clip: Polygon): number {
  let result: Point[] = [...subject];
  for (let i = 0; i < clip.length && result.length > 0; i++) {
    result = clipByEdge(result, clip[i]!, clip[(i + 1) % clip.length]!);
  }
  return result.length >= 3 ? polygonArea(result) : 0;
}

interface SignedTriangle {
  sign: number;
  /** Counter-clockwise. */
  points: Polygon;
}

function fan(polygon: Polygon): SignedTriangle[] {
  const triangles: SignedTriangle[] = [];
  const apex = polygon[0]!;
  for (let i = 1; i + 1 < polygon.length; i++) {
    const t: Point[] = [apex, polygon[i]!, polygon[i + 1]!];
    const area = signedArea(t);
    if (area === 0) continue;
    triangles.push(area > 0 ? { sign: 1, points: t } : { sign: -1, points: [t[0]!, t[2]!, t[1]!] });
  }
  return triangles;
}

function bounds(points: Polygon): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

export function polygonIntersectionArea(a: Polygon, b: Polygon): number {
  const [ax1, ay1, ax2, ay2] = bounds(a);
  const [bx1, by1, bx2, by2] = bounds(b);
  if (ax2 <= bx1 || bx2 <= ax1 || ay2 <= by1 || by2 <= ay1) return 0;
  const fanB = fan(b).map((t) => ({ ...t, box: bounds(t.points) }));
  let total = 0;
  for (const ta of fan(a)) {
    const [x1, y1, x2, y2] = bounds(ta.points);
    for (const tb of fanB) {
      if (x2 <= tb.box[0] || tb.box[2] <= x1 || y2 <= tb.box[1] || tb.box[3] <= y1) continue;
      total += ta.sign * tb.sign * convexIntersectionArea(ta.points, tb.points);
    }
  }
  return Math.abs(total);
}

export function polygonIoU(a: Polygon, b: Polygon): number {
  const intersection = polygonIntersectionArea(a, b);
  const union = polygonArea(a) + polygonArea(b) - intersection;
  return union > 0 ? intersection / union : 0;
}
