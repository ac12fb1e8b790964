import assert from 'node:assert/strict';
import { it } from 'node:test';
import { reviewSplitWords, waitingWords } from './waiting-words.ts';

it('says how much waits, with a plus when the page was full', () => {
  assert.equal(waitingWords(undefined, 100, 'review'), 'Counting…');
  assert.equal(waitingWords(0, 100, 'review'), 'Nothing waits.');
  assert.equal(waitingWords(1, 100, 'review'), '1 item waits for review.');
  assert.equal(waitingWords(12, 100, 'adjudication'), '12 items wait for adjudication.');
  assert.equal(waitingWords(100, 100, 'review'), '100+ items wait for review.');
});

it('does not say nothing waits when the server stopped looking early', () => {
  assert.equal(waitingWords(3, 100, 'review', true), '3+ items wait for review.');
  assert.match(waitingWords(0, 100, 'review', true), /^Nothing within your pools' limits among the first items waiting for review; more may wait/);
});

it('splits the items in review into those waiting for a reviewer and those waiting for rework', () => {
  assert.equal(reviewSplitWords({ review: 5, reviewWaiting: 5 }), 'all wait for a reviewer');
  assert.equal(reviewSplitWords({ review: 7, reviewWaiting: 0 }), 'all wait for rework');
  assert.equal(reviewSplitWords({ review: 12, reviewWaiting: 5 }), '5 for a reviewer, 7 for rework');
});

it('tells a reader of some pools which of the waiting items go to another pool’s reviewers', () => {
  assert.equal(reviewSplitWords({ review: 20, reviewWaiting: 17, reviewElsewhere: 6 }), "11 for your reviewers, 6 for another pool's reviewers, 3 for rework");
  assert.equal(reviewSplitWords({ review: 6, reviewWaiting: 6, reviewElsewhere: 6 }), "all wait for another pool's reviewers");
  assert.equal(reviewSplitWords({ review: 5, reviewWaiting: 5, reviewElsewhere: 0 }), 'all wait for your reviewers');
});
