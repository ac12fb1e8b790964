import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DraftRegion } from './draft.ts';
import { regionFromShape, type ShapeAnnotation, shapeFromRegion } from './image-shapes.ts';
import { spanAnnotationFromRegion, spanRegionFromAnnotation } from './text-spans.ts';

const size = { width: 640, height: 480 };
const bounds = { minX: 0, minY: 0, maxX: 0, maxY: 0 };

function drawn(selector: ShapeAnnotation['target']['selector']): ShapeAnnotation {
  return { id: 'new', bodies: [], target: { annotation: 'new', selector } };
}

describe('image shapes ↔ regions', () => {
  it('round-trips a box and a polygon through Annotorious shapes', () => {
    const box: DraftRegion = { id: 'b', control: 'objects', kind: 'bbox', label: 'car', x: 10, y: 20, width: 30.5, height: 40 };
    const poly: DraftRegion = { id: 'p', control: 'areas', kind: 'polygon', label: 'road', points: [[0, 0], [100, 0], [50, 80]] };
    assert.deepEqual(regionFromShape(shapeFromRegion(box)!, size, null), box);
    assert.deepEqual(regionFromShape(shapeFromRegion(poly)!, size, null), poly);
    assert.deepEqual(shapeFromRegion(box)!.target.selector.geometry.bounds, { minX: 10, minY: 20, maxX: 40.5, maxY: 60 });
  });

  it('takes the active label for a shape just drawn, and clips it to the image', () => {
    const shape = drawn({ type: 'RECTANGLE', geometry: { x: 600.123, y: -10, w: 100, h: 50, bounds } });
    assert.deepEqual(regionFromShape(shape, size, { control: 'objects', label: 'car' }), {
      id: 'new',
      control: 'objects',
      kind: 'bbox',
      label: 'car',
      x: 600.12,
      y: 0,
      width: 39.88,
      height: 40,
    });
    assert.equal(regionFromShape(shape, size, null), null, 'no label, no region');
  });

  it('drops shapes with no area left and polygons whose points are on one line', () => {
    assert.equal(regionFromShape(drawn({ type: 'RECTANGLE', geometry: { x: 700, y: 10, w: 50, h: 50, bounds } }), size, { control: 'o', label: 'c' }), null);
    const line = drawn({ type: 'POLYGON', geometry: { points: [[0, 0], [10, 10], [20, 20]], bounds } });
    assert.equal(regionFromShape(line, size, { control: 'a', label: 'r' }), null);
  });

  it('drops a closing point equal to the first and repeated points', () => {
    const shape = drawn({ type: 'POLYGON', geometry: { points: [[0, 0], [10, 0], [10, 0], [10, 10], [0, 0]], bounds } });
    const region = regionFromShape(shape, size, { control: 'a', label: 'r' });
    assert.deepEqual(region && region.kind === 'polygon' && region.points, [[0, 0], [10, 0], [10, 10]]);
  });
});

describe('text annotations ↔ spans', () => {
  const text = 'Maria Lopez joined Acme Corp in Paris.';

  it('round-trips a span', () => {
    const span: DraftRegion = { id: 's', control: 'entities', kind: 'span', label: 'PER', start: 0, end: 11, text: 'Maria Lopez' };
    assert.deepEqual(spanRegionFromAnnotation(spanAnnotationFromRegion(span)!, text, null), span);
  });

  it('trims the spaces a selection takes along and clips to the text', () => {
    const selection = { id: 'n', bodies: [], target: { annotation: 'n', selector: [{ quote: ' Acme Corp ', start: 18, end: 29 }] } };
    assert.deepEqual(spanRegionFromAnnotation(selection, text, { control: 'entities', label: 'ORG' }), {
      id: 'n',
      control: 'entities',
      kind: 'span',
      label: 'ORG',
      start: 19,
      end: 28,
      text: 'Acme Corp',
    });
    const blank = { ...selection, target: { annotation: 'n', selector: [{ quote: ' ', start: 5, end: 6 }] } };
    assert.equal(spanRegionFromAnnotation(blank, text, { control: 'entities', label: 'ORG' }), null);
    const past = { ...selection, target: { annotation: 'n', selector: [{ quote: '', start: 32, end: 90 }] } };
    const clipped = spanRegionFromAnnotation(past, text, { control: 'entities', label: 'LOC' });
    assert.equal(clipped?.kind === 'span' && clipped.text, 'Paris.');
  });
});
