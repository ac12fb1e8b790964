import assert from 'node:assert/strict';
import { it } from 'node:test';
import { profileSchema } from '../../../src/core/strategy/profile.ts';
import { planSchema } from '../../../src/core/strategy/plan.ts';
import type { Pool, RoutingPolicy } from '../api/workforce-types.ts';
import { EMPTY_PROFILE, planFormFor, planFromForm, profileFromForm, replacePoolKeys } from './strategy-form.ts';

const pool = (key: string, kind: Pool['kind']): Pool => ({
  id: 1, key, name: key, kind, vendor: null, costModel: { type: 'per_label', amount: 0.06, currency: 'EUR' }, regions: ['*'], clearance: 'internal', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: { minGoldAccuracy: 0.9 },
});

it('sends only the answered questions, in the shape the advisor checks', () => {
  assert.deepEqual(profileFromForm(EMPTY_PROFILE), {});
  const profile = profileFromForm({ ...EMPTY_PROFILE, stage: 'scaling', specialised: 'no', criticalPercent: '10', volumePerWeek: '2000, 3000', canManage: 'yes', regulations: 'GDPR' });
  assert.deepEqual(profile, { stage: 'scaling', domain: { specialised: false }, critical_share: 0.1, volume_per_week: [2000, 3000], team: { can_manage_annotators: true }, regulations: ['gdpr'] });
  assert.equal(profileSchema.safeParse(profile).success, true);
});

it('makes a plan the simulator takes from the project pools', () => {
  const form = planFormFor([pool('in-house', 'in_house'), pool('acme', 'vendor')], '2026-01-05');
  const plan = planFromForm({ ...form, baseCurrency: 'eur', rates: 'USD=0.92' });
  const parsed = planSchema.safeParse(plan);
  assert.equal(parsed.success, true, JSON.stringify(parsed.error?.issues));
  assert.deepEqual(plan.rates, { base: 'EUR', rates: { USD: 0.92 } });
  assert.equal(plan.hard_share, 0.05);
  assert.deepEqual(plan.pools.map((p) => [p.key, p.kind, p.accuracy]), [
    ['in-house', 'in_house', 0.9],
    ['acme', 'vendor', 0.9],
  ]);
});

it('puts the chosen pools in place of the advice placeholders, targets and reviewers alike', () => {
  const advised: RoutingPolicy = { rules: [{ name: 'bulk', when: {}, to: [{ pool: 'vendor', weight: 1 }], reviewBy: ['in-house'] }, { name: 'hard', when: { edgeCase: true }, to: [{ pool: 'in-house-experts', weight: 1, role: 'expert' }] }] };
  const policy = replacePoolKeys(advised, { vendor: 'acme', 'in-house': 'team', 'in-house-experts': 'team' });
  assert.deepEqual(policy.rules.map((r) => [r.to.map((t) => t.pool), r.reviewBy]), [
    [['acme'], ['team']],
    [['team'], undefined],
  ]);
  assert.equal(policy.rules[1]!.to[0]!.role, 'expert');
});
