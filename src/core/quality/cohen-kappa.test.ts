import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import { cohenKappa, cohenKappaFromTable } from './cohen-kappa.ts';

const near = (actual: number, expected: number, digits = 3): void =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} decimals`);
const repeat = (...runs: [number, number][]): number[] => runs.flatMap(([v, n]) => new Array<number>(n).fill(v));

// agreement_examples.md §6.
test('a) Artstein & Poesio 2x2 table, as a table and as label vectors', () => {
  near(cohenKappaFromTable([[20, 20], [10, 50]]), 0.348);
  near(cohenKappa(repeat([0, 40], [1, 60]), repeat([0, 20], [1, 20], [0, 10], [1, 50])), 0.3478, 4);
});

test('b) scikit-learn multiclass vectors', () => {
  near(cohenKappa(repeat([0, 46], [1, 44], [2, 10]), repeat([0, 52], [1, 32], [2, 16])), 0.8013, 4);
});

test('c) scikit-learn weighting: unweighted, linear, quadratic', () => {
  const y1 = repeat([0, 46], [1, 44], [2, 10]);
  const y2 = repeat([0, 50], [1, 40], [2, 10]);
  near(cohenKappa(y1, y2), 0.9315, 4);
  near(cohenKappa(y1, y2, { weights: 'linear' }), 0.9412, 4);
  near(cohenKappa(y1, y2, { weights: 'quadratic' }), 0.9541, 4);
});

test('d) SAS 3x3 table, unweighted and linear', () => {
  const table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]];
  near(cohenKappaFromTable(table), 0.4842, 4);
  near(cohenKappaFromTable(table, 'linear'), 0.4701, 4);
});

test('e) irr anxiety raters 2 and 3: levels that occur, weighted by rank', () => {
  const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
  const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
  near(cohenKappa(rater2, rater3), -0.006289308, 6);
  near(cohenKappa(rater2, rater3, { weights: 'linear' }), 0.1459075, 6);
  near(cohenKappa(rater2, rater3, { weights: 'quadratic' }), 0.2520325, 6);
});

test('units missing for either coder are left out', () => {
  assert.equal(cohenKappa(['a', 'b', null, 'a'], ['a', 'b', 'b', undefined]), 1);
});

test('vectors of different lengths are an input error', () => {
  assert.throws(() => cohenKappa(['a'], ['a', 'b']), (e: unknown) => e instanceof DomainError && e.code === 'invalid_input');
});

const ratings = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 60 });

test('property: kappa is 1 for identical raters (when both use more than one category)', () => {
  fc.assert(
    fc.property(ratings, (r) => {
      const kappa = cohenKappa(r, r);
      return new Set(r).size < 2 ? Number.isNaN(kappa) : kappa === 1;
    }),
  );
});

test('property: kappa is symmetric in the two raters, for every weighting', () => {
  fc.assert(
    fc.property(ratings, ratings, (a, b) => {
      const n = Math.min(a.length, b.length);
      return (['none', 'linear', 'quadratic'] as const).every((weights) => {
        const x = cohenKappa(a.slice(0, n), b.slice(0, n), { weights });
        const y = cohenKappa(b.slice(0, n), a.slice(0, n), { weights });
        return (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) < 1e-12;
      });
    }),
  );
});

test('property: kappa never exceeds 1', () => {
  fc.assert(
    fc.property(ratings, ratings, (a, b) => {
      const n = Math.min(a.length, b.length);
      const kappa = cohenKappa(a.slice(0, n), b.slice(0, n), { weights: 'quadratic' });
      return Number.isNaN(kappa) || kappa <= 1 + 1e-12;
    }),
  );
});
