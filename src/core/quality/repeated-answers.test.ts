import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastAnswerPerPair, repeatedPairs } from './repeated-answers.ts';

const answers = [
  { item: 'a', worker: 'w', label: 'x' },
  { item: 'a', worker: 'v', label: 'x' },
  { item: 'b', worker: 'w', label: 'x' },
  { item: 'a', worker: 'w', label: 'y' },
  { item: 'b', worker: 'w', label: 'x' },
  { item: 'a', worker: 'w', label: 'z' },
];

test('names each (item, worker) pair answered more than once, with its answers, in order of first answer', () => {
  assert.deepEqual(repeatedPairs(answers), [
    { item: 'a', worker: 'w', answers: [0, 3, 5] },
    { item: 'b', worker: 'w', answers: [2, 4] },
  ]);
  assert.deepEqual(repeatedPairs(answers.slice(0, 3)), []);
});

test('a separator inside a name does not make two pairs one', () => {
  assert.deepEqual(repeatedPairs([{ item: 'a,b', worker: 'c' }, { item: 'a', worker: 'b,c' }]), []);
});

test('keeps the last answer of each pair, the others in their order', () => {
  assert.deepEqual(lastAnswerPerPair(answers), [1, 4, 5]);
  assert.deepEqual(lastAnswerPerPair(answers.slice(0, 3)), [0, 1, 2]);
});
