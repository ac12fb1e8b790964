import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { coincidences, krippendorffAlpha, krippendorffAlphaDetail, masiDistance } from './krippendorff-alpha.ts';
import { unitsFromAnswers, unitsFromCoderRows } from './reliability-data.ts';
import { loadAnswers } from '../../../test/fixtures/quality/crowd-data.ts';

const near = (actual: number, expected: number, digits = 3): void =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} decimals`);

// agreement_examples.md §1: Krippendorff (2011), 12 units, 4 observers, missing data.
const krippendorff2011 = unitsFromCoderRows([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
]);

// §2: Wikipedia's computational example, 3 coders, 15 units.
const wikipedia = unitsFromCoderRows([
  [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
  [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
  [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
]);

test('Krippendorff 2011 example at all four levels', () => {
  near(krippendorffAlpha(krippendorff2011, { level: 'nominal' }), 0.743);
  near(krippendorffAlpha(krippendorff2011, { level: 'nominal' }), 0.743421, 6);
  near(krippendorffAlpha(krippendorff2011, { level: 'ordinal' }), 0.815);
  near(krippendorffAlpha(krippendorff2011, { level: 'interval' }), 0.849);
  near(krippendorffAlpha(krippendorff2011, { level: 'ratio' }), 0.797);
});

test('Krippendorff 2011 intermediate values: coincidences, marginals, D_o, D_e', () => {
  const co = coincidences(krippendorff2011);
  assert.deepEqual(co.values, [1, 2, 3, 4, 5]);
  [9, 13, 10, 5, 3].forEach((x, i) => near(co.marginals[i]!, x, 9));
  assert.equal(co.total, 40);
  const row1 = [...co.matrix.slice(0, 5)];
  [7, 4 / 3, 1 / 3, 1 / 3, 0].forEach((x, i) => near(row1[i]!, x, 4));
  near(co.matrix[1 * 5 + 1]!, 10, 4);
  const detail = krippendorffAlphaDetail(krippendorff2011);
  near(detail.observedDisagreement, 0.2, 6);
  near(detail.expectedDisagreement, 0.779487, 6);
});

test('string labels with an ordered domain give the same ordinal and nominal alpha', () => {
  const names: Record<number, string> = { 1: 'very low', 2: 'low', 3: 'mid', 4: 'high', 5: 'very high' };
  const named = krippendorff2011.map((unit) => unit.map((v) => names[v as number]!));
  const order = ['very low', 'low', 'mid', 'high', 'very high'];
  near(krippendorffAlpha(named, { level: 'ordinal', order }), 0.815);
  near(krippendorffAlpha(named, { level: 'nominal' }), 0.743);
});

test('Wikipedia example, nominal and interval', () => {
  near(krippendorffAlpha(wikipedia, { level: 'nominal' }), 0.691358, 6);
  near(krippendorffAlpha(wikipedia, { level: 'interval' }), 0.810845, 6);
});

test('crowd-kit cases in long form', () => {
  const two = [
    { item: 'X', worker: 'A', label: 'Yes' },
    { item: 'X', worker: 'B', label: 'Yes' },
    { item: 'Y', worker: 'A', label: 'No' },
    { item: 'Y', worker: 'B', label: 'No' },
  ];
  assert.equal(krippendorffAlpha(unitsFromAnswers(two)), 1);
  const three = [...two, { item: 'Z', worker: 'A', label: 'Yes' }, { item: 'Z', worker: 'B', label: 'No' }];
  near(krippendorffAlpha(unitsFromAnswers(three)), 0.4444444444444444, 12);
  near(krippendorffAlpha(unitsFromAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'))), 0.14219114219114215, 12);
});

test('label sets: set equality and MASI distance', () => {
  const sets = [['dog'], ['dog'], ['cat'], ['cat'], ['cat'], ['cat', 'mouse']];
  const key = (s: string[]): string => [...s].sort().join('|');
  const units = [
    [key(sets[0]!), key(sets[1]!)],
    [key(sets[2]!), key(sets[3]!)],
    [key(sets[4]!), key(sets[5]!)],
  ];
  near(krippendorffAlpha(units), 0.5454545454545454, 12);
  const toSet = (v: string | number): Set<string> => new Set(String(v).split('|'));
  near(krippendorffAlpha(units, { distance: (a, b) => masiDistance(toSet(a), toSet(b)) }), 0.6673336668334168, 12);
});

test('units with fewer than two values are not pairable and change nothing', () => {
  const base = krippendorffAlpha(wikipedia);
  assert.equal(krippendorffAlpha([...wikipedia, [], ['7']]), base);
});

test('no variation at all leaves alpha undefined (NaN)', () => {
  assert.ok(Number.isNaN(krippendorffAlpha([['a', 'a'], ['a', 'a']])));
});

const unitsArb = fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 5 }), {
  minLength: 2,
  maxLength: 30,
});

test('property: nominal alpha is invariant under relabelling the values', () => {
  fc.assert(
    fc.property(unitsArb, fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), (units, perm) => {
      const a = krippendorffAlpha(units);
      const b = krippendorffAlpha(units.map((u) => u.map((v) => `L${perm[v]}`)));
      return (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) < 1e-9;
    }),
  );
});

test('property: identical coders give alpha 1 whenever alpha is defined', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 40 }), (values) => {
      const alpha = krippendorffAlpha(values.map((v) => [v, v, v]), { level: 'interval' });
      return Number.isNaN(alpha) ? new Set(values).size === 1 : Math.abs(alpha - 1) < 1e-12;
    }),
  );
});

test('property: interval alpha is invariant under shifting and scaling the values', () => {
  fc.assert(
    fc.property(unitsArb, fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 }), (units, shift, scale) => {
      const a = krippendorffAlpha(units, { level: 'interval' });
      const b = krippendorffAlpha(units.map((u) => u.map((v) => v * scale + shift)), { level: 'interval' });
      return (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) < 1e-9;
    }),
  );
});
