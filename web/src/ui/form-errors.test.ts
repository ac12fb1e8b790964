import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AUDIT_FIELDS } from '../protection/audit-search.ts';
import { ApiError } from '../api/errors.ts';
import { formRefusal, invalidProps, plainIssue } from './form-errors.ts';

it("puts a validator's sentence for programs in a form's words", () => {
  assert.equal(plainIssue('Too small: expected number to be >0'), 'Give a number above 0.');
  assert.equal(plainIssue('Too small: expected number to be >=1'), 'Give a number of 1 or more.');
  assert.equal(plainIssue('Too big: expected number to be <=36500'), 'Give a number of 36500 or less.');
  assert.equal(plainIssue('Too big: expected string to have <=3 characters'), 'At most 3 characters.');
  assert.equal(plainIssue('Too small: expected string to have >=1 characters'), 'Fill this in.');
  assert.equal(plainIssue('Too big: expected array to have <=50 items'), 'At most 50.');
  assert.equal(plainIssue('Invalid ISO datetime'), 'Pick a date (year, month and day).');
  assert.equal(plainIssue('an id is a whole number written in decimal digits'), 'Give a whole number.');
  assert.equal(plainIssue('say why you reject it'), 'Say why you reject it.');
});

it('says a refused search beside its field, in the words of the form, with nothing left for under it', () => {
  // As the server refuses the audit search for pool id 0.
  const refused = new ApiError(400, 'invalid_input', 'querystring pool: Too small: expected number to be >0', [{ path: 'pool', message: 'Too small: expected number to be >0' }]);
  const { fields, rest } = formRefusal(refused, AUDIT_FIELDS);
  assert.deepEqual(invalidProps('e', fields.pool), { 'aria-invalid': true, 'aria-describedby': 'e' });
  assert.deepEqual(invalidProps('e', fields.from), {});
  assert.deepEqual(fields, { pool: 'An id is a whole number of 1 or more.' });
  assert.equal(rest, false);
});

it('places each issue by its path (items of a list, a body prefix), leaves the others for under the form', () => {
  const fields = { regions: { paths: ['redactRegions'], words: (i: { path: string }) => `bad ${i.path}.` }, retention: { paths: ['retentionDays'] } };
  const error = new ApiError(422, 'validation_failed', 'redactRegions[0]: a region code', [
    { path: 'redactRegions[0]', message: 'a region code' },
    { path: 'body.retentionDays', message: 'Too small: expected number to be >=1' },
    { path: 'redactTypes[1]', message: 'Invalid option' },
  ]);
  assert.deepEqual(formRefusal(error, fields), { fields: { regions: 'bad redactRegions[0].', retention: 'Give a number of 1 or more.' }, rest: true });
  assert.deepEqual(formRefusal(null, fields), { fields: {}, rest: false });
  assert.deepEqual(formRefusal(new TypeError('offline'), fields), { fields: {}, rest: true }, 'not a refusal of a field');
});

it('places a refusal that names no field where the form says, and leaves it under the form otherwise', () => {
  const unknown = new ApiError(404, 'not_found', 'no user nobody@demo.local; give a password to create them');
  const fields = { email: { paths: ['email'] } };
  const placed = formRefusal(unknown, fields, (e) => (e.code === 'not_found' ? { field: 'email' as const, words: 'Nobody has that e-mail.' } : null));
  assert.deepEqual(placed, { fields: { email: 'Nobody has that e-mail.' }, rest: false });
  assert.deepEqual(formRefusal(unknown, fields), { fields: {}, rest: true });
});
