import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAnswers } from './answers.ts';
import { glad } from './glad.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { majorityVote } from './majority-vote.ts';
import { loadAnswers, loadGold } from '../../../test/fixtures/quality/crowd-data.ts';

test('crowd-kit toy: recovers the ground truth', () => {
  const truth = loadGold('crowdkit_toy', 'toy_ground_truth_df.csv');
  for (const item of glad(encodeAnswers(loadAnswers('crowdkit_toy', 'toy_answers.csv'))).items) {
    assert.equal(item.label, truth.get(item.item));
  }
});

test('rte: better than the vote, close to the published 0.92–0.93 range', () => {
  const data = encodeAnswers(loadAnswers('rte'));
  const gold = loadGold('rte');
  const accuracy = scoreAgainstGold(glad(data), gold).accuracy;
  assert.ok(accuracy > scoreAgainstGold(majorityVote(data), gold).expectedAccuracy);
  assert.ok(accuracy > 0.915, `${accuracy}`);
});

test('the log-likelihood is finite and posteriors are distributions', () => {
  const result = glad(encodeAnswers(loadAnswers('wsd')));
  assert.ok(Number.isFinite(result.logLikelihood));
  for (let i = 0; i < result.items.length; i++) {
    const row = result.posteriors.slice(i * 3, i * 3 + 3);
    assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 1e-9);
  }
});

test('product and possent: reproduces Crowd-Kit’s GLAD (0.928, 0.948); priors learned on skewed data do worse', () => {
  const product = encodeAnswers(loadAnswers('product'));
  const productGold = loadGold('product');
  const accuracy = scoreAgainstGold(glad(product), productGold).accuracy;
  assert.ok(Math.abs(accuracy - 0.928) <= 0.005, `product ${accuracy}`);
  const learned = scoreAgainstGold(glad(product, { classPriors: 'learned', easinessMean: 0 }), productGold).accuracy;
  assert.ok(learned < accuracy - 0.02, `learned priors ${learned} against ${accuracy}`);
  const possent = scoreAgainstGold(glad(encodeAnswers(loadAnswers('possent'))), loadGold('possent')).accuracy;
  assert.ok(Math.abs(possent - 0.948) <= 0.005, `possent ${possent}`);
});
