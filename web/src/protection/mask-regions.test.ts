import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import type { MaskRegion } from '../api/data-types.ts';
import { masksFromResult, resultFromMasks } from './mask-regions.ts';

const coordinate = fc.double({ min: 0, max: 4000, noNaN: true });
const size = fc.double({ min: 0.5, max: 4000, noNaN: true });
const mask: fc.Arbitrary<MaskRegion> = fc.oneof(
  fc.record({ kind: fc.constant('bbox' as const), x: coordinate, y: coordinate, width: size, height: size }, { noNullPrototype: true }),
  fc.record({ kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 12 }) }, { noNullPrototype: true }),
);

it('gives back the masks it drew, in order', () => {
  fc.assert(fc.property(fc.array(mask, { maxLength: 10 }), (masks) => assert.deepEqual(masksFromResult(resultFromMasks(masks)), masks)));
});

it('leaves out shapes the API would refuse (an empty box, a polygon of two points)', () => {
  const masks = masksFromResult({
    choices: {},
    regions: [
      { control: 'mask', kind: 'bbox', label: 'mask box', x: 1, y: 1, width: 0, height: 5 },
      { control: 'mask_polygon', kind: 'polygon', label: 'mask polygon', points: [[0, 0], [1, 1]] },
    ],
  });
  assert.deepEqual(masks, []);
});
