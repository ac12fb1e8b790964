import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAnswers } from './answers.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { majorityVote } from './majority-vote.ts';
import { oneCoinDawidSkene } from './one-coin-dawid-skene.ts';
import { loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

test('crowd-kit toy and simple: recovers the ground truth', () => {
  for (const [file, truthFile] of [['toy_answers.csv', 'toy_ground_truth_df.csv'], ['simple_answers.csv', 'simple_ground_truth.csv']]) {
    const truth = loadGold('crowdkit_toy', truthFile);
    for (const item of oneCoinDawidSkene(encodeAnswers(loadAnswers('crowdkit_toy', file))).items) {
      assert.equal(item.label, truth.get(item.item), `${file} ${item.item}`);
    }
  }
});

test('beats the plain vote on possent and gives the spammers low accuracy', () => {
  const data = encodeAnswers(loadAnswers('possent'));
  const gold = loadGold('possent');
  const result = oneCoinDawidSkene(data);
  assert.ok(scoreAgainstGold(result, gold).accuracy > scoreAgainstGold(majorityVote(data), gold).expectedAccuracy);
  for (const w of result.workers) assert.ok(w.skill > 0 && w.skill < 1);
});

test('without smoothing it is ZenCrowd: product and possent as Zheng et al. publish ZC (92.80, 95.10)', () => {
  const zc = (set: string) => scoreAgainstGold(oneCoinDawidSkene(encodeAnswers(loadAnswers(set)), { smoothing: 0 }), loadGold(set)).accuracy;
  assert.ok(Math.abs(zc('product') - 0.928) < 0.0005, `product ${zc('product')}`);
  assert.ok(Math.abs(zc('possent') - 0.951) < 0.0005, `possent ${zc('possent')}`);
  const product = encodeAnswers(loadAnswers('product'));
  const learned = scoreAgainstGold(oneCoinDawidSkene(product, { classPriors: 'learned' }), loadGold('product')).accuracy;
  assert.ok(learned < zc('product') - 0.01, `learned priors ${learned}: a skewed prior outweighs symmetric-noise answers`);
});
