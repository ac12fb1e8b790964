import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeAnswers } from './answers.ts';
import { scoreAgainstGold } from './gold-score.ts';
import { majorityVote } from './majority-vote.ts';

test('a tie counts as wrong in the strict figure and as 1/t in the expected one', () => {
  const data = encodeAnswers([
    { item: 'tie', worker: 'a', label: 'x' },
    { item: 'tie', worker: 'b', label: 'y' },
    { item: 'clear', worker: 'a', label: 'x' },
    { item: 'clear', worker: 'b', label: 'x' },
  ]);
  const gold = new Map([['tie', 'x'], ['clear', 'x'], ['nobody', 'y']]);
  const score = scoreAgainstGold(majorityVote(data), gold);
  assert.equal(score.scored, 2);
  assert.equal(score.unanswered, 1);
  assert.equal(score.tiedItems, 1);
  assert.equal(score.accuracy, 0.5);
  assert.equal(score.expectedAccuracy, 0.75);
});
