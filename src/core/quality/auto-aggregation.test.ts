import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeAnswers } from './answers.ts';
import { autoAggregate, defaultCandidates, foldOf, stackingWeights } from './auto-aggregation.ts';
import { dawidSkene } from './dawid-skene.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { majorityVote } from './majority-vote.ts';
import { oneCoinDawidSkene } from './one-coin-dawid-skene.ts';
import { seededRandom } from './seeded-random.ts';
import { loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

test('crowd-kit toy and simple: the ensemble returns the ground truth', () => {
  for (const [file, truthFile] of [['toy_answers.csv', 'toy_ground_truth_df.csv'], ['simple_answers.csv', 'simple_ground_truth.csv']]) {
    const truth = loadGold('crowdkit_toy', truthFile);
    const result = autoAggregate(encodeAnswers(loadAnswers('crowdkit_toy', file)));
    for (const item of result.items) assert.equal(item.label, truth.get(item.item), `${file} ${item.item}`);
    assert.ok(Math.abs(result.ensemble.reduce((s, c) => s + c.weight, 0) - 1) < 1e-6);
  }
});

test('bluebirds: weights go to full Dawid-Skene, not to a one-coin model that collapses there', () => {
  const data = encodeAnswers(loadAnswers('bluebirds'));
  const gold = loadGold('bluebirds');
  // One-coin with a learned class prior collapses on bluebirds (0.58): the ensemble must see it.
  const collapsing = (d: typeof data) => oneCoinDawidSkene(d, { classPriors: 'learned' });
  const result = autoAggregate(data, { candidates: { ds: (d) => dawidSkene(d), 'one-coin': collapsing } });
  assert.equal(result.ensemble[0]!.method, 'ds');
  assert.ok(result.ensemble[0]!.weight > 0.9);
  assert.ok(scoreAgainstGold(result, gold).accuracy > scoreAgainstGold(collapsing(data), gold).accuracy + 0.2);
  assert.ok(scoreAgainstGold(result, gold).accuracy > scoreAgainstGold(majorityVote(data), gold).expectedAccuracy);
});

test('the same seed gives the same ensemble', () => {
  const data = encodeAnswers(loadAnswers('wsd'));
  const a = autoAggregate(data, { seed: 4 });
  const b = autoAggregate(data, { seed: 4 });
  assert.deepEqual(a.ensemble, b.ensemble);
  assert.deepEqual(a.posteriors, b.posteriors);
});

test('folds have (nearly) equal sizes', () => {
  const fold = foldOf(103, 5, seededRandom(1));
  const sizes = [0, 1, 2, 3, 4].map((f) => fold.filter((x) => x === f).length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
});

test('property: stacking weights are a distribution, and a model that predicts every answer better takes it all', () => {
  const probs = fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 5, maxLength: 40 });
  fc.assert(
    fc.property(probs, (p) => {
      const better = Float64Array.from(p, (x) => Math.min(1, x * 1.5 + 0.01));
      const w = stackingWeights([Float64Array.from(p), better]);
      return Math.abs(w[0]! + w[1]! - 1) < 1e-9 && w[1]! > 0.99;
    }),
  );
});

test('reports its progress fit by fit, up to the total it announced', () => {
  const data = encodeAnswers(loadAnswers('wsd'));
  const seen: [number, number, string][] = [];
  autoAggregate(data, { folds: 3, onProgress: (done, total, phase) => seen.push([done, total, phase]) });
  const total = Object.keys(defaultCandidates()).length * 4;
  assert.equal(seen.length, total);
  assert.deepEqual(seen.map(([done]) => done), Array.from({ length: total }, (_, i) => i + 1));
  assert.ok(seen.every(([, t]) => t === total));
  assert.match(seen[0]![2], /^cross-validating /);
  assert.match(seen.at(-1)![2], /^(fitting|skipping) /);
});
