import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAnswers } from './answers.ts';
import { wawa } from './wawa.ts';
import { loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

test('crowd-kit toy: labels and probabilities', () => {
  const data = encodeAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'));
  const result = wawa(data);
  assert.deepEqual(result.items.map((i) => i.label), ['no', 'yes', 'no', 'yes', 'no']);
  const yes = data.classes.indexOf('yes');
  const expected = [0.461538, 0.666667, 0.277778, 1, 0.166667];
  result.items.forEach((_, i) => assert.ok(Math.abs(result.posteriors[i * 2 + yes]! - expected[i]!) < 1e-6));
  assert.deepEqual(result.workers.map((w) => w.skill), [0.6, 0.8, 1, 0.4, 0.8]);
});

test('crowd-kit simple: returns the ground truth', () => {
  const truth = loadGold('crowdkit_toy', 'simple_ground_truth.csv');
  for (const item of wawa(encodeAnswers(loadAnswers('crowdkit_toy', 'simple_answers.csv'))).items) {
    assert.equal(item.label, truth.get(item.item));
  }
});
