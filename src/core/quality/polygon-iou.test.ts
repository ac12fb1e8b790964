import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { boxIoU } from './box-iou.ts';
import { type Polygon, polygonArea, polygonIntersectionArea, polygonIoU } from './polygon-iou.ts';

const rect = (x: number, y: number, w: number, h: number): Polygon => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
const near = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

test('two unit squares overlapping by half', () => {
  near(polygonIntersectionArea(rect(0, 0, 1, 1), rect(0.5, 0, 1, 1)), 0.5);
  near(polygonIoU(rect(0, 0, 1, 1), rect(0.5, 0, 1, 1)), 1 / 3);
});

test('concave L-shape against a square inside its notch and across its arm', () => {
  // L: 2x2 square without its top-right 1x1 quarter; area 3.
  const l: Polygon = [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]];
  near(polygonArea(l), 3);
  near(polygonIntersectionArea(l, rect(1, 1, 1, 1)), 0); // the notch
  near(polygonIntersectionArea(l, rect(0.5, 0.5, 1, 1)), 0.75); // three quarters inside the L
  near(polygonIntersectionArea(l, l), 3);
});

test('orientation does not matter (clockwise or counter-clockwise)', () => {
  const a = rect(0, 0, 2, 2);
  const b: Polygon = [...rect(1, 1, 2, 2)].reverse();
  near(polygonIntersectionArea(a, b), 1);
});

test('disjoint and touching polygons share no area', () => {
  assert.equal(polygonIoU(rect(0, 0, 1, 1), rect(5, 5, 1, 1)), 0);
  near(polygonIoU(rect(0, 0, 1, 1), rect(1, 0, 1, 1)), 0);
});

test('triangle inside a square', () => {
  const triangle: Polygon = [[0, 0], [1, 0], [0, 1]];
  near(polygonIoU(triangle, rect(0, 0, 1, 1)), 0.5);
});

const rectArb = fc.record({
  x: fc.integer({ min: 0, max: 20 }),
  y: fc.integer({ min: 0, max: 20 }),
  width: fc.integer({ min: 1, max: 15 }),
  height: fc.integer({ min: 1, max: 15 }),
});

test('property: on rectangles, polygon IoU equals box IoU, and is symmetric', () => {
  fc.assert(
    fc.property(rectArb, rectArb, (a, b) => {
      const pa = rect(a.x, a.y, a.width, a.height);
      const pb = rect(b.x, b.y, b.width, b.height);
      const iou = polygonIoU(pa, pb);
      return Math.abs(iou - boxIoU(a, b)) < 1e-9 && Math.abs(iou - polygonIoU(pb, pa)) < 1e-9;
    }),
  );
});

test('property: a star-shaped (concave) polygon against a grid estimate of the overlap', () => {
  const star = (cx: number, cy: number, r: number): Polygon =>
    Array.from({ length: 10 }, (_, i) => {
      const angle = (Math.PI * i) / 5;
      const radius = i % 2 ? r / 2 : r;
      return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)] as const;
    });
  const inside = (p: Polygon, x: number, y: number): boolean => {
    let c = false;
    for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
      const [xi, yi] = p[i]!;
      const [xj, yj] = p[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
    return c;
  };
  fc.assert(
    fc.property(fc.integer({ min: 3, max: 7 }), fc.integer({ min: 3, max: 7 }), (cx, cy) => {
      const a = star(5, 5, 4);
      const b = star(cx, cy, 3);
      let hits = 0;
      const step = 0.05;
      for (let x = 0; x < 12; x += step) for (let y = 0; y < 12; y += step) if (inside(a, x + step / 2, y + step / 2) && inside(b, x + step / 2, y + step / 2)) hits++;
      return Math.abs(hits * step * step - polygonIntersectionArea(a, b)) < 0.15;
    }),
    { numRuns: 10 },
  );
});
