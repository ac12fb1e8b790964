import assert from 'node:assert/strict';
import { it } from 'node:test';
import { choiceOverlap } from './choice-overlap.ts';

it('scores the labels both chose over the labels either chose', () => {
  assert.equal(choiceOverlap(['cat'], ['cat']), 1);
  assert.equal(choiceOverlap(['cat'], ['dog']), 0);
  assert.equal(choiceOverlap(['cat', 'dog'], ['dog', 'bird']), 1 / 3);
  assert.equal(choiceOverlap([], []), 1, 'two answers that chose nothing agree');
  assert.equal(choiceOverlap(['cat'], []), 0);
  assert.equal(choiceOverlap(['cat', 'cat'], ['cat', 'dog']), 1 / 2, 'a label given twice counts once');
});
