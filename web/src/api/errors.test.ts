import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError, describeError } from './errors.ts';

it('adds what to do to the server\'s words, unless the screen says it itself', () => {
  const refused = new ApiError(401, 'unauthenticated', 'wrong e-mail or password');
  assert.equal(describeError(refused), 'Wrong e-mail or password. Please sign in again.');
  assert.equal(describeError(refused, { advice: false }), 'Wrong e-mail or password.');
});
