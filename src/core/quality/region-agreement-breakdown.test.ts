import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchBoxes, matchPolygons, matchSpans, regionAgreementBreakdown } from './region-agreement-breakdown.ts';
import { spanF1 } from './span-f1.ts';

const box = (label: string, x: number, y: number, size: number) => ({ label, x, y, width: size, height: size });
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-4, `${actual} ≠ ${expected}`);

test('boxes: matched by IoU within a label, broken down by project, pool, pair and label', () => {
  const answers = [
    { item: 'i1', worker: 'w1', pool: 'acme', regions: [box('car', 0, 0, 10)] },
    { item: 'i1', worker: 'w2', pool: 'acme', regions: [box('car', 1, 1, 10)] }, // IoU 81/119
    { item: 'i2', worker: 'w1', pool: 'acme', regions: [box('car', 0, 0, 10), box('person', 20, 20, 5)] },
    { item: 'i2', worker: 'w2', pool: 'acme', regions: [box('car', 0, 0, 10)] }, // 1 of 3 regions unmatched
    { item: 'i3', worker: 'w1', pool: 'acme', regions: [] },
    { item: 'i3', worker: 'w2', pool: 'acme', regions: [] }, // both saw nothing: full agreement
    { item: 'i4', worker: 'w1', pool: 'acme', regions: [box('car', 0, 0, 10)] },
    { item: 'i4', worker: 'w3', pool: 'crowd', regions: [box('person', 0, 0, 10)] }, // same place, other label
    { item: 'i5', worker: 'w1', pool: 'acme', regions: [box('car', 0, 0, 10)] }, // alone
  ];
  const b = regionAgreementBreakdown(answers, matchBoxes, { minSharedItems: 1 });
  assert.equal(b.project.items, 5);
  assert.equal(b.project.pairableItems, 4);
  assert.equal(b.project.comparisons, 4);
  close(b.project.f1, (1 + 2 / 3 + 1 + 0) / 4);
  close(b.project.meanIoU, (81 / 119 + 1) / 2);
  const acme = b.byPool.find((p) => p.pool === 'acme')!;
  assert.equal(acme.items, 5);
  assert.equal(acme.comparisons, 3);
  close(acme.f1, (1 + 2 / 3 + 1) / 3);
  const crowd = b.byPool.find((p) => p.pool === 'crowd')!;
  assert.equal(crowd.comparisons, 0, 'a pool alone on its items has no agreement of its own');
  assert.ok(Number.isNaN(crowd.f1));
  assert.deepEqual(b.byPair.map((p) => [p.workerA, p.workerB, p.sharedItems]), [['w1', 'w3', 1], ['w1', 'w2', 3]]);
  assert.deepEqual(b.byLabel.map((l) => [l.label, l.regions]), [['car', 6], ['person', 2]]);
  close(b.byLabel[0]!.f1, 2 / 3);
  close(b.byLabel[1]!.f1, 0);
  assert.equal(regionAgreementBreakdown(answers, matchBoxes).byPair.length, 0, 'pairs under five shared items are left out by default');
});

test('spans: exact span F1, the same figure as spanF1, with no IoU', () => {
  const a = [{ label: 'PER', start: 0, end: 5 }, { label: 'LOC', start: 10, end: 15 }];
  const b = [{ label: 'PER', start: 0, end: 5 }, { label: 'LOC', start: 10, end: 14 }];
  const breakdown = regionAgreementBreakdown([{ item: 't', worker: 'x', regions: a }, { item: 't', worker: 'y', regions: b }], matchSpans);
  close(breakdown.project.f1, spanF1(a, b, 'exact').f1);
  close(breakdown.project.f1, 0.5);
  assert.ok(Number.isNaN(breakdown.project.meanIoU));
  assert.deepEqual(breakdown.byLabel.map((l) => [l.label, l.f1]), [['LOC', 0], ['PER', 1]]);
});

test('polygons: matched by polygon IoU; the same worker twice on an item is not a comparison', () => {
  const square = { label: 'roof', points: [[0, 0], [10, 0], [10, 10], [0, 10]] as [number, number][] };
  const shifted = { label: 'roof', points: [[5, 0], [15, 0], [15, 10], [5, 10]] as [number, number][] }; // IoU 1/3
  const b = regionAgreementBreakdown(
    [
      { item: 'p', worker: 'x', regions: [square] },
      { item: 'p', worker: 'x', regions: [square] },
      { item: 'p', worker: 'y', regions: [shifted] },
    ],
    matchPolygons,
  );
  assert.equal(b.project.comparisons, 2);
  assert.equal(b.project.f1, 0, 'IoU 1/3 is under the 0.5 threshold');
  const tight = regionAgreementBreakdown([{ item: 'p', worker: 'x', regions: [square] }, { item: 'p', worker: 'y', regions: [square] }], matchPolygons);
  assert.equal(tight.project.f1, 1);
  close(tight.project.meanIoU, 1);
});
