import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Box, boxIoU } from './box-iou.ts';
import { polygonIoU } from './polygon-iou.ts';
import { multiAnnotatorRegionAgreement, regionAgreement } from './region-agreement.ts';

const box = (x: number, y: number, width = 10, height = 10): Box => ({ x, y, width, height });

test('optimal matching beats greedy: a box that fits two partners goes where it maximises the total', () => {
  // Greedy would give a1 its best partner b0 and leave a0 unmatched.
  const a = [box(0, 0), box(4, 0)];
  const b = [box(2, 0), box(8, 0)];
  const result = regionAgreement(a, b, boxIoU, { threshold: 0.4 });
  assert.equal(result.matches.length, 2);
  assert.equal(result.f1, 1);
});

test('below the IoU threshold nothing matches; extra boxes lower the F1', () => {
  assert.equal(regionAgreement([box(0, 0)], [box(8, 8)], boxIoU).f1, 0);
  const r = regionAgreement([box(0, 0), box(50, 50)], [box(1, 1)], boxIoU);
  assert.equal(r.matches.length, 1);
  assert.equal(r.f1, 2 / 3);
  assert.ok(r.meanIoU > 0.6);
});

test('labels: a cat box never matches a dog box', () => {
  const a = [{ ...box(0, 0), label: 'cat' }];
  const b = [{ ...box(0, 0), label: 'dog' }];
  assert.equal(regionAgreement(a, b, boxIoU, { label: (r) => r.label }).f1, 0);
  assert.equal(regionAgreement(a, b, boxIoU).f1, 1);
});

test('nobody drew anything: full agreement; polygons through the same matching', () => {
  assert.equal(regionAgreement([], [], boxIoU).f1, 1);
  const square = [[0, 0], [4, 0], [4, 4], [0, 4]] as const;
  const shifted = [[1, 0], [5, 0], [5, 4], [1, 4]] as const;
  assert.equal(regionAgreement([square], [shifted], polygonIoU).matches[0]!.iou, 0.6);
});

test('several annotators: mean over pairs', () => {
  const r = multiAnnotatorRegionAgreement([[box(0, 0)], [box(0, 0)], []], boxIoU);
  assert.equal(r.pairs, 3);
  assert.equal(r.f1, 1 / 3);
  assert.equal(r.meanIoU, 1);
});
