/**
 * Mask regions drawn with the annotate canvas: a label schema of two controls (boxes and polygons,
 * in black) stands in for the masks, and the drawn regions become the masks the API takes.
 */
import type { MaskRegion } from '../api/data-types.ts';
import type { AnnotationResult, LabelSchema, Region } from '../api/types.ts';

export const MASK_SCHEMA: LabelSchema = {
  controls: [
    { name: 'mask', kind: 'bbox', labels: [{ name: 'mask box', color: '#000000' }] },
    { name: 'mask_polygon', kind: 'polygon', labels: [{ name: 'mask polygon', color: '#000000' }] },
  ],
};

export function resultFromMasks(masks: MaskRegion[]): AnnotationResult {
  return {
    choices: {},
    regions: masks.map((m): Region => (m.kind === 'bbox' ? { control: 'mask', kind: 'bbox', label: 'mask box', x: m.x, y: m.y, width: m.width, height: m.height } : { control: 'mask_polygon', kind: 'polygon', label: 'mask polygon', points: m.points })),
  };
}

export function masksFromResult(result: AnnotationResult): MaskRegion[] {
  const masks: MaskRegion[] = [];
  for (const r of result.regions) {
    if (r.kind === 'bbox' && r.width > 0 && r.height > 0) masks.push({ kind: 'bbox', x: r.x, y: r.y, width: r.width, height: r.height });
    else if (r.kind === 'polygon' && r.points.length >= 3) masks.push({ kind: 'polygon', points: r.points.map(([x, y]) => [x, y] as [number, number]) });
  }
  return masks;
}
