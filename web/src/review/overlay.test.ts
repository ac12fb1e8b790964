import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Region } from '../../../src/core/label-schema.ts';
import { itemDifferences } from '../../../src/core/quality/item-differences.ts';
import { ANNOTATOR_COLORS, overlayOf, paneRegions } from './overlay.ts';

const schema = { controls: [{ name: 'objects', kind: 'bbox' as const, labels: [{ name: 'car', color: '#888888' }] }] };
const car = (x: number): Region => ({ control: 'objects', kind: 'bbox', label: 'car', x, y: 0, width: 10, height: 10 });
const annotations = [
  { id: 7, result: { choices: {}, regions: [car(0), car(50)] } },
  { id: 9, result: { choices: {}, regions: [car(0)] } },
];

it('colours by annotator, and makes the region not everyone matched stand out', () => {
  const overlay = overlayOf(annotations, itemDifferences(schema, annotations));
  assert.deepEqual(overlay.regions.map((r) => r.id), ['a7-0', 'a7-1', 'a9-0']);
  assert.equal(overlay.colorOfRegion('a7-1'), ANNOTATOR_COLORS[0]);
  assert.equal(overlay.colorOfRegion('a9-0'), ANNOTATOR_COLORS[1]);
  assert.equal(overlay.anyUnmatched, true);
  assert.deepEqual(['a7-0', 'a7-1', 'a9-0'].map((id) => overlay.emphasisOf?.(id)), ['faint', 'strong', 'faint']);
});

it('shows only the regions not everyone matched when asked', () => {
  const only = overlayOf(annotations, itemDifferences(schema, annotations), true);
  assert.deepEqual(only.regions.map((r) => r.id), ['a7-1']);
  assert.equal(only.onlyDifferences, true);
});

it('emphasises nothing when everyone drew the same, or before the comparison is known', () => {
  const same = [annotations[1]!, { id: 11, result: { choices: {}, regions: [car(1)] } }];
  const overlay = overlayOf(same, itemDifferences(schema, same), true);
  assert.equal(overlay.anyUnmatched, false);
  assert.equal(overlay.emphasisOf, undefined);
  assert.equal(overlay.regions.length, 2, 'with nothing unmatched, "only differences" hides nothing');
  assert.equal(overlay.onlyDifferences, false, 'and says it shows everything');
  assert.equal(overlayOf(annotations, null).emphasisOf, undefined);
});

it('gives each annotator their part of the overlay side by side: only their regions not everyone matched when asked, with the same emphasis', () => {
  const differences = itemDifferences(schema, annotations);
  const all = overlayOf(annotations, differences);
  assert.deepEqual(paneRegions(all, 7).map((r) => r.id), ['a7-0', 'a7-1']);
  assert.deepEqual(paneRegions(all, 9).map((r) => r.id), ['a9-0']);
  assert.deepEqual(paneRegions(all, 7).map((r) => all.emphasisOf?.(r.id)), ['faint', 'strong']);
  const only = overlayOf(annotations, differences, true);
  assert.deepEqual(paneRegions(only, 7).map((r) => r.id), ['a7-1']);
  assert.deepEqual(paneRegions(only, 9), [], 'the second annotator drew nothing the first did not');
  assert.deepEqual(paneRegions(only, 7)[0], { ...car(50), id: 'a7-1' });
});
