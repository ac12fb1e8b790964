import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fleissKappa, fleissKappaFromUnits } from './fleiss-kappa.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';

const near = (actual: number, expected: number, digits = 3): void =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} decimals`);

// agreement_examples.md §4: Wikipedia, 10 subjects, 14 raters, 5 categories.
const wikipedia = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

// §5: Fleiss (1971) psychiatric diagnoses, 30 subjects × 6 raters, read left to right.
const diagnoses = `
4 4 4 4 4 4 | 2 2 2 5 5 5 | 2 3 3 3 3 5 | 5 5 5 5 5 5 | 2 2 2 4 4 4
1 1 3 3 3 3 | 3 3 3 3 5 5 | 1 1 3 3 3 4 | 1 1 4 4 4 4 | 5 5 5 5 5 5
1 4 4 4 4 4 | 1 2 4 4 4 4 | 2 2 2 3 3 3 | 1 4 4 4 4 4 | 2 2 4 4 4 5
3 3 3 3 3 5 | 1 1 1 4 5 5 | 1 1 1 1 1 2 | 2 2 4 4 4 4 | 1 3 3 5 5 5
5 5 5 5 5 5 | 2 4 4 4 4 4 | 2 2 4 5 5 5 | 1 1 4 4 4 4 | 1 4 4 4 4 5
2 2 2 2 2 4 | 1 1 1 1 5 5 | 2 2 4 4 4 4 | 1 3 3 3 3 3 | 5 5 5 5 5 5`
  .trim()
  .split('\n')
  .flatMap((line) => line.split('|').map((subject) => subject.trim().split(/\s+/).map(Number)));

test('Wikipedia example: kappa 0.210', () => {
  near(fleissKappa(wikipedia), 0.210);
  near(fleissKappa(wikipedia), 0.20993, 5);
});

test('Fleiss 1971 diagnoses: kappa 0.4302445 (R irr)', () => {
  assert.equal(diagnoses.length, 30);
  const totals = [1, 2, 3, 4, 5].map((c) => diagnoses.flat().filter((x) => x === c).length);
  assert.deepEqual(totals, [26, 26, 30, 55, 43]);
  near(fleissKappaFromUnits(diagnoses), 0.4302445, 7);
  // Information only in the examples file, a recomputed value: nominal alpha on the same data.
  near(krippendorffAlpha(diagnoses), 0.43341, 5);
});

test('subjects with fewer than two ratings are skipped', () => {
  assert.equal(fleissKappa([...wikipedia, [0, 0, 1, 0, 0]]), fleissKappa(wikipedia));
});

test('property: unanimous subjects give kappa 1 when more than one category is used', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 8 }), (cats, m) => {
      const kappa = fleissKappaFromUnits(cats.map((c) => new Array<number>(m).fill(c)));
      return new Set(cats).size < 2 ? Number.isNaN(kappa) : Math.abs(kappa - 1) < 1e-12;
    }),
  );
});
