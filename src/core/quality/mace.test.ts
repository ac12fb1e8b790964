import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAnswers } from './answers.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { mace } from './mace.ts';
import { loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

const toy = encodeAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'));
const toyTruth = loadGold('crowdkit_toy', 'toy_ground_truth_df.csv');
const simple = encodeAnswers(loadAnswers('crowdkit_toy', 'simple_answers.csv'));
const simpleTruth = loadGold('crowdkit_toy', 'simple_ground_truth.csv');

test('crowd-kit toy (1 restart, 5 iterations): accuracy 1.0 with VB and with EM, uniform priors as the paper', () => {
  for (const method of ['vb', 'em'] as const) {
    const result = mace(toy, { restarts: 1, iterations: 5, method, classPriors: false });
    assert.equal(scoreAgainstGold(result, toyTruth).accuracy, 1, method);
  }
});

test('crowd-kit simple: VB accuracy 1.0', () => {
  assert.equal(scoreAgainstGold(mace(simple, { restarts: 1, iterations: 5, classPriors: false }), simpleTruth).accuracy, 1);
  assert.equal(scoreAgainstGold(mace(simple), simpleTruth).accuracy, 1);
});

test('finds the spammer: a worker who always answers the same class gets the lowest competence', () => {
  const answers = loadAnswers('crowdkit_toy', 'simple_answers.csv');
  const items = [...new Set(answers.map((a) => a.item))];
  const withSpammer = encodeAnswers([...answers, ...items.map((item) => ({ item, worker: 'spammer', label: 'goose' }))]);
  const result = mace(withSpammer);
  const lowest = result.workers.reduce((a, b) => (b.skill < a.skill ? b : a));
  assert.equal(lowest.worker, 'spammer');
});

test('same seed, same result; learned class priors help on skewed product data', () => {
  const data = encodeAnswers(loadAnswers('product'));
  const gold = loadGold('product');
  const a = mace(data, { restarts: 1, seed: 3 });
  const b = mace(data, { restarts: 1, seed: 3 });
  assert.deepEqual(a.posteriors, b.posteriors);
  const uniform = mace(data, { restarts: 1, seed: 3, classPriors: false });
  assert.ok(scoreAgainstGold(a, gold).accuracy > scoreAgainstGold(uniform, gold).accuracy + 0.05);
});
