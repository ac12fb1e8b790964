import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError } from '../api/errors.ts';
import { commentCount, REVIEW_COMMENT_MAX, reviewProblem } from './review-comment.ts';

it('counts the characters only near the limit, and says when it is reached', () => {
  assert.equal(REVIEW_COMMENT_MAX, 5000);
  assert.equal(commentCount(0), null);
  assert.equal(commentCount(4499), null);
  assert.equal(commentCount(4500), '4,500 of 5,000 characters');
  assert.match(commentCount(5000)!, /^5,000 of 5,000 characters, the limit/);
});

it('puts the server refusing a long comment in plain words, on the comment', () => {
  // As the server answers a comment of 5,001 characters.
  const tooLong = new ApiError(400, 'invalid_input', 'body comment: Too big: expected string to have <=5000 characters', [
    { path: 'comment', message: 'Too big: expected string to have <=5000 characters' },
  ]);
  const problem = reviewProblem(tooLong)!;
  assert.equal(problem.onComment, true);
  assert.match(problem.text, /too long: a comment holds at most 5,000 characters/);
  assert.doesNotMatch(problem.text, /body|<=|expected string/);
});

it('keeps the words of the other refusals, on the comment when they are about it', () => {
  const missing = new ApiError(422, 'validation_failed', 'say why you reject it: the annotator sees your comment', [{ path: 'comment', message: 'required when rejecting' }]);
  assert.deepEqual(reviewProblem(missing), { text: 'Say why you reject it: the annotator sees your comment.', onComment: true });
  const taken = new ApiError(409, 'conflict', 'this annotation was already reviewed');
  assert.deepEqual(reviewProblem(taken), { text: 'This annotation was already reviewed.', onComment: false });
  assert.equal(reviewProblem(null), null);
});

it("refuses the reviewer's own work in the server's words, without the advice about roles", () => {
  const own = new ApiError(403, 'forbidden', 'you cannot review your own annotation');
  assert.deepEqual(reviewProblem(own), { text: 'You cannot review your own annotation.', onComment: false });
  const role = new ApiError(403, 'forbidden', 'reviewing needs the reviewer role');
  assert.match(reviewProblem(role)!.text, /Ask a manager/, 'a refusal for the role keeps its advice');
});
