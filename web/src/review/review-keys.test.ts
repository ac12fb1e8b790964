import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actingIndex, neighbourItem, resolveReviewKey } from './review-keys.ts';

const press = (key: string, more: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; inTextField: boolean }> = {}) => ({
  key, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, ...more,
});

it('maps the review keys, in either case, and numbers only up to the annotations shown', () => {
  assert.deepEqual(resolveReviewKey(press('a'), 2), { type: 'accept' });
  assert.deepEqual(resolveReviewKey(press('A'), 2), { type: 'accept' });
  assert.deepEqual(resolveReviewKey(press('r'), 2), { type: 'reject' });
  assert.deepEqual(resolveReviewKey(press('c'), 2), { type: 'correct' });
  assert.deepEqual(resolveReviewKey(press('j'), 2), { type: 'next-item' });
  assert.deepEqual(resolveReviewKey(press('K'), 2), { type: 'previous-item' });
  assert.deepEqual(resolveReviewKey(press('v'), 2), { type: 'toggle-view' });
  assert.deepEqual(resolveReviewKey(press('d'), 2), { type: 'toggle-differences' });
  assert.deepEqual(resolveReviewKey(press('?'), 2), { type: 'help' });
  assert.deepEqual(resolveReviewKey(press('2'), 2), { type: 'choose', index: 1 });
  assert.equal(resolveReviewKey(press('3'), 2), null);
  assert.equal(resolveReviewKey(press('0'), 2), null);
  assert.equal(resolveReviewKey(press('x'), 2), null);
});

it('leaves typing and browser shortcuts alone', () => {
  assert.equal(resolveReviewKey(press('a', { inTextField: true }), 2), null);
  assert.equal(resolveReviewKey(press('c', { ctrlKey: true }), 2), null);
  assert.equal(resolveReviewKey(press('r', { metaKey: true }), 2), null);
  assert.equal(resolveReviewKey(press('1', { altKey: true }), 2), null);
});

it('acts on the chosen annotation while it waits, then on the first one still waiting', () => {
  assert.equal(actingIndex(1, [true, true]), 1);
  assert.equal(actingIndex(1, [true, false]), 0);
  assert.equal(actingIndex(0, [false, false, true]), 2);
  assert.equal(actingIndex(0, [false, false]), null);
});

it('moves through the queue and stays put at its ends', () => {
  assert.equal(neighbourItem([4, 7, 9], 7, 1), 9);
  assert.equal(neighbourItem([4, 7, 9], 9, 1), 9);
  assert.equal(neighbourItem([4, 7, 9], 4, -1), 4);
  assert.equal(neighbourItem([4, 7, 9], 7, -1), 4);
  assert.equal(neighbourItem([4, 7, 9], 5, 1), 4);
});
