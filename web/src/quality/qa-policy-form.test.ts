import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { QaPolicy } from '../api/quality-types.ts';
import { formFromPolicy, policyFromForm } from './qa-policy-form.ts';

const demo: QaPolicy = {
  reviewRates: { in_house: 0.02, vendor: 0.1, crowd: 1, staff: 0 },
  poolReviewRates: { acme: 0.25 },
  agreementThreshold: 0.6,
  adjudicateOnGoldFail: true,
  onReject: 'rework',
  reworkTo: 'same',
  goldRate: 0.05,
  goldPassScore: 0.8,
  goldMinAccuracy: 0.85,
  goldMinSamples: 10,
};

it('gives back the policy it was filled from, rates shown in percent', () => {
  const form = formFromPolicy(demo);
  assert.equal(form.reviewRates.vendor, '10');
  assert.equal(form.poolReviewRates.acme, '25');
  assert.deepEqual(policyFromForm(form), demo);
});

it('turns off the agreement trigger when left empty and drops empty pool rates', () => {
  const form = { ...formFromPolicy(demo), agreementThreshold: ' ', poolReviewRates: { acme: '', crowd: '50' } };
  const policy = policyFromForm(form);
  assert.equal(policy.agreementThreshold, null);
  assert.deepEqual(policy.poolReviewRates, { crowd: 0.5 });
});
