import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError } from '../api/errors.ts';
import { exportFieldErrors } from './export-errors.ts';

const refusal = (path: string, message: string) => new ApiError(422, 'validation_failed', `${path}: ${message}`, [{ path, message }]);

it('puts an unknown label beside the labels field in plain words', () => {
  const { fields, rest } = exportFieldErrors(refusal('filters.labels', 'the project has no label "unicorn" (its labels: car, person)'));
  assert.equal(rest, false, 'nothing left for the note under the form');
  assert.equal(fields.labels, 'This project has no label "unicorn". Its labels are: car, person.');
  assert.doesNotMatch(fields.labels ?? '', /filters\./i);
});

it('does the same for annotators, pools and dates, and leaves other errors to the form', () => {
  assert.equal(exportFieldErrors(refusal('filters.annotators', 'no user x@y.z')).fields.annotators, 'Nobody here has the e-mail x@y.z.');
  assert.match(exportFieldErrors(refusal('filters.pools', 'no pool acme')).fields.pools ?? '', /no pool acme/);
  assert.equal(exportFieldErrors(refusal('filters.to', 'must be after from')).fields.to, 'Pick a day after the "Annotated from" day.');
  assert.match(exportFieldErrors(refusal('filters.from', 'Invalid ISO date')).fields.from ?? '', /Pick a date/);
  assert.deepEqual(exportFieldErrors(refusal('control', '"x" is not a span control')), { fields: {}, rest: true });
  assert.deepEqual(exportFieldErrors(new TypeError('offline')), { fields: {}, rest: true });
  assert.deepEqual(exportFieldErrors(null), { fields: {}, rest: false });
});
