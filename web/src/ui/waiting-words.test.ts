import assert from 'node:assert/strict';
import { it } from 'node:test';
import { waitingWords } from './waiting-words.ts';

it('says how much waits, with a plus when the page was full', () => {
  assert.equal(waitingWords(undefined, 100, 'review'), 'Counting…');
  assert.equal(waitingWords(0, 100, 'review'), 'Nothing waits.');
  assert.equal(waitingWords(1, 100, 'review'), '1 item waits for review.');
  assert.equal(waitingWords(12, 100, 'adjudication'), '12 items wait for adjudication.');
  assert.equal(waitingWords(100, 100, 'review'), '100+ items wait for review.');
});
