import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAnswers } from './answers.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { majorityVote } from './majority-vote.ts';
import { crossFittedWeightedVote, goldAccuracy, weightedMajorityVote } from './weighted-majority-vote.ts';
import { loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

test('crowd-kit toy with gold on t1, t2: accuracies shrunk towards the crowd', () => {
  const data = encodeAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'));
  const gold = loadGold('crowdkit_toy', 'toy_gold_df.csv');
  const { accuracy, goldAnswers, crowdAccuracy } = goldAccuracy(data, gold, { priorStrength: 0 });
  // Gold answers: t1 (w1 no, w2 yes, w4 yes, w5 no), t2 (w1, w2, w3 yes, w4, w5 no): 5 of 9 right.
  assert.equal(crowdAccuracy, 5 / 9);
  assert.deepEqual([...goldAnswers], [2, 2, 1, 2, 2]);
  assert.deepEqual([...accuracy], [0.5, 1, 1, 0.5, 0]);
  const shrunk = goldAccuracy(data, gold).accuracy;
  assert.ok(shrunk[1]! < 1 && shrunk[4]! > 0);
});

test('a worker known to be right outvotes two known to be wrong', () => {
  const answers = [
    ...['g1', 'g2', 'g3'].flatMap((item) => [
      { item, worker: 'good', label: 'a' },
      { item, worker: 'bad1', label: 'b' },
      { item, worker: 'bad2', label: 'b' },
    ]),
    { item: 'x', worker: 'good', label: 'a' },
    { item: 'x', worker: 'bad1', label: 'b' },
    { item: 'x', worker: 'bad2', label: 'b' },
  ];
  const gold = new Map([['g1', 'a'], ['g2', 'a'], ['g3', 'a']]);
  const data = encodeAnswers(answers);
  assert.equal(majorityVote(data).items.at(-1)!.label, 'b');
  assert.equal(weightedMajorityVote(data, gold).items.at(-1)!.label, 'a');
});

test('cross-fitted accuracy on gold is honest: never above the in-sample figure on rte, above the vote', () => {
  const data = encodeAnswers(loadAnswers('rte'));
  const gold = loadGold('rte');
  const inSample = scoreAgainstGold(weightedMajorityVote(data, gold), gold).accuracy;
  const crossFitted = scoreAgainstGold(crossFittedWeightedVote(data, gold), gold).accuracy;
  assert.ok(crossFitted <= inSample);
  assert.ok(crossFitted > scoreAgainstGold(majorityVote(data), gold).expectedAccuracy);
});
