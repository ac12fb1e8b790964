import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { numericError } from './gold-score.ts';
import { aggregateNumbers, huberLocation, robustScale } from './numeric-aggregation.ts';
import { loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

const emotion = loadAnswers('emotion').map((a) => ({ item: a.item, worker: a.worker, value: Number(a.label) }));
const emotionGold = new Map([...loadGold('emotion')].map(([item, label]) => [item, Number(label)]));

test('emotion: mean and median reproduce the published RMSE / MAE (Zheng et al. 2017)', () => {
  const mean = numericError(aggregateNumbers(emotion, 'mean').items, emotionGold);
  assert.equal(mean.scored, 700);
  assert.equal(mean.rootMeanSquaredError.toFixed(2), '17.84');
  assert.equal(mean.meanAbsoluteError.toFixed(2), '12.02');
  const med = numericError(aggregateNumbers(emotion, 'median').items, emotionGold);
  assert.equal(med.rootMeanSquaredError.toFixed(2), '21.26');
  assert.equal(med.meanAbsoluteError.toFixed(2), '13.53');
});

test('the robust estimate shrugs off a wild answer that drags the mean', () => {
  const answers = [10, 11, 9, 10, 12, 10, 500].map((value, i) => ({ item: 'x', worker: `w${i}`, value }));
  const robust = aggregateNumbers(answers, 'robust').items[0]!.value;
  const mean = aggregateNumbers(answers, 'mean').items[0]!.value;
  assert.ok(Math.abs(robust - 10.3) < 0.5, `${robust}`);
  assert.ok(mean > 70);
  const outlier = aggregateNumbers(answers, 'robust').workers.find((w) => w.worker === 'w6')!;
  assert.ok(outlier.skill === 0 && outlier.bias > 400);
});

test('scale falls back to the mean deviation when most answers sit on one value', () => {
  assert.equal(robustScale([0, 0, 0, 4]), 1.2533);
  assert.equal(robustScale([0, 0]), 1);
});

test('property: Huber location shifts with the data, stays in range, and is the mean at a huge scale', () => {
  const values = fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 30 });
  fc.assert(
    fc.property(values, fc.double({ min: 0.1, max: 50, noNaN: true }), fc.integer({ min: -1000, max: 1000 }), (xs, scale, shift) => {
      const h = huberLocation(xs, scale);
      const shifted = huberLocation(xs.map((x) => x + shift), scale);
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      return (
        Math.abs(shifted - (h + shift)) < 1e-6 &&
        h >= Math.min(...xs) - 1e-9 &&
        h <= Math.max(...xs) + 1e-9 &&
        Math.abs(huberLocation(xs, 1e6) - mean) < 1e-6
      );
    }),
  );
});
