import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Pool } from '../api/workforce-types.ts';
import { costWords, EMPTY_POOL_FORM, fieldErrors, formFromPool, poolBodyFrom, slaWords, splitList } from './pool-form.ts';

const acme: Pool = {
  id: 2,
  key: 'acme',
  name: 'Acme Labeling',
  kind: 'vendor',
  vendor: 'Acme Labeling Ltd',
  costModel: { type: 'per_label', amount: 0.06, currency: 'EUR' },
  regions: ['eu', 'in'],
  clearance: 'internal',
  skills: ['autonomous-driving'],
  languages: ['en', 'fr'],
  capacityHoursPerWeek: 800,
  timeZone: 'Asia/Kolkata',
  sla: { turnaroundHours: 24, minGoldAccuracy: 0.9 },
};

it('gives back the pool it was filled from', () => {
  const { id: _id, ...input } = acme;
  assert.deepEqual(poolBodyFrom(formFromPool(acme), true), input);
  assert.equal('key' in poolBodyFrom(formFromPool(acme), false), false);
});

it('reads lists with commas or spaces, and leaves out what is empty', () => {
  assert.deepEqual(splitList(' eu,in  us '), ['eu', 'in', 'us']);
  const body = poolBodyFrom({ ...EMPTY_POOL_FORM, key: 'x', name: ' X ', regions: 'EU, in' }, true) as Record<string, unknown>;
  assert.deepEqual(body.regions, ['eu', 'in']);
  assert.equal(body.name, 'X');
  assert.equal(body.costModel, null);
  assert.deepEqual(body.sla, {});
  assert.equal(body.capacityHoursPerWeek, null);
});

it('puts costs and service levels in words', () => {
  assert.equal(costWords(acme.costModel), '€0.06 per label');
  assert.equal(costWords({ type: 'fixed_monthly', amount: 14000, currency: 'EUR' }), '€14,000 per month');
  assert.equal(costWords(null), '—');
  assert.equal(slaWords(acme.sla), '24 h turnaround, gold ≥ 90 %');
  assert.equal(slaWords({}), '—');
});

it('puts each of the server\'s complaints beside the field it is about', () => {
  const { fields, rest } = fieldErrors([
    { path: 'timeZone', message: '"Mars/Base" is not a time zone' },
    { path: 'languages[0]', message: '"en_US" is not a language tag' },
    { path: 'languages[2]', message: '"e" is not a language tag' },
    { path: 'costModel.currency', message: 'a currency is an ISO code such as EUR' },
    { path: 'sla.minGoldAccuracy', message: 'too big' },
    { path: 'body', message: 'expected an object' },
  ]);
  assert.deepEqual(fields, {
    timeZone: '"Mars/Base" is not a time zone',
    languages: '"en_US" is not a language tag; "e" is not a language tag',
    currency: 'a currency is an ISO code such as EUR',
    minGoldAccuracy: 'too big',
  });
  assert.deepEqual(rest, [{ path: 'body', message: 'expected an object' }]);
});
