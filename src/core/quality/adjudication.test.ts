import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectForAdjudication } from './adjudication.ts';

test('ties, weak consensus and thin coverage go to an expert, weakest first', () => {
  const cases = selectForAdjudication(
    [
      { item: 'clear', label: 'a', confidence: 0.95, tied: 1, answers: 5 },
      { item: 'weak', label: 'a', confidence: 0.55, tied: 1, answers: 5 },
      { item: 'tie', label: 'b', confidence: 0.5, tied: 2, answers: 4 },
      { item: 'alone', label: 'a', confidence: 1, tied: 1, answers: 1 },
    ],
    { minConfidence: 0.7, minAnswers: 2 },
  );
  assert.deepEqual(
    cases.map((c) => [c.item, c.reason]),
    [
      ['tie', 'tie'],
      ['weak', 'low_confidence'],
      ['alone', 'too_few_answers'],
    ],
  );
});
