import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { answersOnSharedItems, encodeAnswers, orderClasses, subsetAnswers, voteCounts } from './answers.ts';
import { seededRandom } from './seeded-random.ts';

test('classes: numbers in numeric order, other labels in code-point order', () => {
  assert.deepEqual(orderClasses(['10', '9', '-1', '2.5']), ['-1', '2.5', '9', '10']);
  assert.deepEqual(orderClasses(['yes', 'no', 'No']), ['No', 'no', 'yes']);
});

test('encoding groups answers by item and keeps first-appearance order of items and workers', () => {
  const data = encodeAnswers([
    { item: 'b', worker: 'w2', label: 'x' },
    { item: 'a', worker: 'w1', label: 'y' },
    { item: 'b', worker: 'w1', label: 'y' },
  ]);
  assert.deepEqual(data.items, ['b', 'a']);
  assert.deepEqual(data.workers, ['w2', 'w1']);
  assert.deepEqual([...data.itemStart], [0, 2, 3]);
  assert.deepEqual([...data.byItem], [0, 2, 1]);
  assert.deepEqual([...voteCounts(data)], [1, 1, 0, 1]);
  const firstOnly = subsetAnswers(data, (a) => a === 0);
  assert.deepEqual(firstOnly.items, data.items);
  assert.deepEqual([...voteCounts(firstOnly)], [1, 0, 0, 0]);
  assert.throws(() => encodeAnswers([{ item: 'a', worker: 'w', label: 'z' }], ['x', 'y']), RangeError);
});

test('seeded random: same seed same sequence, values in [0, 1), roughly uniform', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const xs = Array.from({ length: 10_000 }, () => a());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02);
  assert.notEqual(seededRandom(1)(), seededRandom(2)());
});

test('property: every answer appears exactly once in the item grouping', () => {
  const answers = fc.array(fc.record({ item: fc.constantFrom('a', 'b', 'c'), worker: fc.constantFrom('u', 'v'), label: fc.constantFrom('0', '1') }), { maxLength: 30 });
  fc.assert(
    fc.property(answers, (list) => {
      const data = encodeAnswers(list);
      const seen = [...data.byItem].sort((x, y) => x - y);
      return seen.every((a, i) => a === i) && data.byItem.every((a, j) => data.item[a]! === data.items.findIndex((_, i) => j >= data.itemStart[i]! && j < data.itemStart[i + 1]!));
    }),
  );
});

test('answers on shared items: an item answered by one worker only (even twice) is left out', () => {
  const answers = [
    { item: 'a', worker: 'w1', label: 'x' },
    { item: 'a', worker: 'w2', label: 'y' },
    { item: 'b', worker: 'w1', label: 'x' },
    { item: 'c', worker: 'w3', label: 'x' },
    { item: 'c', worker: 'w3', label: 'y' },
  ];
  assert.deepEqual(answersOnSharedItems(answers), answers.slice(0, 2));
  assert.deepEqual(answersOnSharedItems([]), []);
});
