/**
 * Between Annotorious's shapes (its own model: RECTANGLE {x, y, w, h}, POLYGON {points}, in image
 * pixels) and Atelier's regions. The label rides in a tagging body and the control in the
 * annotation's properties, so a shape carries what it is and can be drawn in its label's colour.
 * Shapes dragged past the image edge are clipped to it; a shape with nothing left is no region.
 */
import { signedArea } from '../../../src/core/quality/polygon-iou.ts';
import type { BoxRegion, PolygonRegion } from '../api/types.ts';
import type { DraftRegion } from './draft.ts';

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The subset of Annotorious's ImageAnnotation that Atelier reads and writes. */
export interface ShapeAnnotation {
  id: string;
  bodies: { id: string; annotation: string; purpose?: string; value?: string }[];
  target: {
    annotation: string;
    selector:
      | { type: 'RECTANGLE'; geometry: { x: number; y: number; w: number; h: number; rot?: number; bounds: Bounds } }
      | { type: 'POLYGON'; geometry: { points: number[][]; bounds: Bounds } }
      | { type: string; geometry: { bounds: Bounds } };
  };
  properties?: { control?: string; [key: string]: unknown };
}

export interface ImageSize {
  width: number;
  height: number;
}

const round = (v: number): number => Math.round(v * 100) / 100;
const clamp = (v: number, max: number): number => Math.min(Math.max(v, 0), max);

function boundsOf(points: number[][]): Bounds {
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

export function shapeFromRegion(region: DraftRegion): ShapeAnnotation | null {
  const bodies = [{ id: `${region.id}-label`, annotation: region.id, purpose: 'tagging', value: region.label }];
  if (region.kind === 'bbox') {
    const { x, y, width: w, height: h } = region;
    return {
      id: region.id,
      bodies,
      target: { annotation: region.id, selector: { type: 'RECTANGLE', geometry: { x, y, w, h, bounds: { minX: x, minY: y, maxX: x + w, maxY: y + h } } } },
      properties: { control: region.control },
    };
  }
  if (region.kind === 'polygon') {
    const points = region.points.map(([x, y]) => [x, y]);
    return {
      id: region.id,
      bodies,
      target: { annotation: region.id, selector: { type: 'POLYGON', geometry: { points, bounds: boundsOf(points) } } },
      properties: { control: region.control },
    };
  }
  return null;
}

/**
 * The region a shape stands for, clipped to the image. `fallback` names the control and label of a
 * shape just drawn, which has no label yet. Null when the shape is of another type or has no area.
 */
export function regionFromShape(shape: ShapeAnnotation, size: ImageSize, fallback: { control: string; label: string } | null): DraftRegion | null {
  const label = shape.bodies.find((b) => b.purpose === 'tagging')?.value ?? fallback?.label;
  const control = shape.properties?.control ?? fallback?.control;
  if (!label || !control) return null;
  const selector = shape.target.selector;
  if (selector.type === 'RECTANGLE' && 'w' in selector.geometry) {
    const g = selector.geometry;
    const x1 = clamp(Math.min(g.x, g.x + g.w), size.width);
    const y1 = clamp(Math.min(g.y, g.y + g.h), size.height);
    const x2 = clamp(Math.max(g.x, g.x + g.w), size.width);
    const y2 = clamp(Math.max(g.y, g.y + g.h), size.height);
    if (x2 - x1 < 1 || y2 - y1 < 1) return null;
    const box: BoxRegion & { id: string } = { id: shape.id, control, kind: 'bbox', label, x: round(x1), y: round(y1), width: round(x2 - x1), height: round(y2 - y1) };
    return box;
  }
  if (selector.type === 'POLYGON' && 'points' in selector.geometry) {
    const points = selector.geometry.points.map((p): [number, number] => [round(clamp(p[0]!, size.width)), round(clamp(p[1]!, size.height))]);
    const distinct = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
    if (distinct.length > 1 && distinct[0]![0] === distinct.at(-1)![0] && distinct[0]![1] === distinct.at(-1)![1]) distinct.pop();
    if (distinct.length < 3 || Math.abs(signedArea(distinct)) < 1) return null;
    const polygon: PolygonRegion & { id: string } = { id: shape.id, control, kind: 'polygon', label, points: distinct };
    return polygon;
  }
  return null;
}
