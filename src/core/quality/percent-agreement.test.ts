import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { percentAgreement } from './percent-agreement.ts';
import { unitsFromAnswers } from './reliability-data.ts';
import { loadAnswers } from '../../../test/fixtures/quality/crowd-data.ts';

test('two coders: the share of units they agree on', () => {
  assert.equal(percentAgreement([['a', 'a'], ['a', 'b'], ['b', 'b'], ['c', 'c']]), 0.75);
});

test('three coders: pairs within each unit, averaged over units', () => {
  // Unit 1: 1 agreeing pair of 3; unit 2: all 3 pairs agree.
  assert.equal(percentAgreement([['x', 'x', 'y'], ['z', 'z', 'z']]), (1 / 3 + 1) / 2);
});

test('units rated once are not pairable; nothing pairable is NaN', () => {
  assert.equal(percentAgreement([['a', 'a'], ['b']]), 1);
  assert.ok(Number.isNaN(percentAgreement([['a'], []])));
});

test('crowd-kit toy data', () => {
  // t1: no,yes,yes,no (2 of 6 pairs); t2: yes×3,no×2 (4 of 10); t3: yes,no,no,yes,no (4 of 10);
  // t4: yes×5 (10 of 10); t5: yes,no×4 (6 of 10).
  const expected = (2 / 6 + 4 / 10 + 4 / 10 + 1 + 6 / 10) / 5;
  assert.ok(Math.abs(percentAgreement(unitsFromAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'))) - expected) < 1e-12);
});

test('property: between 0 and 1, and 1 for unanimous units', () => {
  const units = fc.array(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 20 });
  fc.assert(fc.property(units, (u) => { const p = percentAgreement(u); return p >= 0 && p <= 1; }));
  fc.assert(fc.property(units, (u) => percentAgreement(u.map((unit) => unit.map(() => unit[0]!))) === 1));
});
