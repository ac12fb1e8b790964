import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BURSTY_GENERIC_RARE_CRITICAL,
  POC_GENERIC,
  REGULATED_SPECIALISED,
  SUBJECTIVE_ON_GENERIC,
} from '../../../test/fixtures/strategy/profiles.ts';
import { isDomainError } from '../errors.ts';
import type { RoutingPolicy } from '../routing/policy.ts';
import { SUBJECTIVE_TAG } from './advisor-policy.ts';
import { advise, adviseFromInput } from './advisor.ts';
import type { Profile } from './profile.ts';

const poolsOf = (policy: RoutingPolicy): Set<string> => new Set(policy.rules.flatMap((r) => [...r.to.map((t) => t.pool), ...(r.reviewBy ?? [])]));

describe('advise on contrasting profiles', () => {
  const table: { name: string; profile: Profile; recommendation: string; pattern: string | null; riskAbout?: RegExp; reasonFields: string[] }[] = [
    { name: 'a proof of concept on generic data', profile: POC_GENERIC, recommendation: 'in_house', pattern: null, reasonFields: ['stage', 'iteration'] },
    { name: 'a regulated specialised domain', profile: REGULATED_SPECIALISED, recommendation: 'in_house', pattern: null, riskAbout: /crowd/, reasonFields: ['domain.specialised', 'regulations', 'sensitivity'] },
    { name: 'a bursty high-volume generic stream with rare critical cases', profile: BURSTY_GENERIC_RARE_CRITICAL, recommendation: 'hybrid', pattern: 'vendors_bulk_experts_hard', riskAbout: /bursty volume curve outgrows a fixed team/, reasonFields: ['volume_per_week', 'critical_share'] },
    { name: 'subjective categories on top of generic ones', profile: SUBJECTIVE_ON_GENERIC, recommendation: 'hybrid', pattern: 'vendors_label_in_house_reviews', reasonFields: ['judgement', 'languages'] },
  ];
  for (const row of table) {
    it(row.name, () => {
      const advice = advise(row.profile);
      assert.equal(advice.recommendation, row.recommendation);
      assert.equal(advice.pattern, row.pattern);
      if (row.pattern) assert.equal(advice.policy.preset, row.pattern);
      for (const field of row.reasonFields) assert.ok(advice.reasons.some((r) => r.field === field), `no reason on ${field}`);
      if (row.riskAbout) assert.ok(advice.risks.some((r) => row.riskAbout?.test(r.risk)), `no risk matching ${row.riskAbout}`);
      // The policy names only the placeholder pools the answer explains.
      assert.deepEqual(poolsOf(advice.policy), new Set(advice.pools.map((p) => p.key)));
      assert.ok(advice.policy.rules.length > 0);
    });
  }

  it('ties every reason to a field of the profile, and assumes nothing that was answered', () => {
    const advice = advise(REGULATED_SPECIALISED);
    const answered = ['stage', 'domain.specialised', 'judgement', 'critical_share', 'sensitivity', 'regulations', 'volume_per_week', 'iteration', 'budget', 'team.can_manage_annotators', 'team.engineers_have_time', 'languages'];
    assert.deepEqual(advice.assumptions, []);
    for (const reason of advice.reasons) assert.ok(answered.includes(reason.field), reason.field);
  });
});

describe('advise on hard limits and conflicts', () => {
  it('keeps restricted data in-house even when everything else pushes out', () => {
    const advice = advise({ ...BURSTY_GENERIC_RARE_CRITICAL, sensitivity: 'restricted', team: { can_manage_annotators: false } });
    assert.equal(advice.recommendation, 'in_house');
    assert.deepEqual(poolsOf(advice.policy), new Set(['in-house', 'in-house-experts']));
    assert.ok(advice.risks.some((r) => r.field === 'team.can_manage_annotators'));
  });

  it('allows a crowd only for public, unregulated, generic, non-subjective work', () => {
    assert.equal(advise({ ...BURSTY_GENERIC_RARE_CRITICAL, sensitivity: 'public' }).crowdAllowed, true);
    assert.equal(advise({ ...BURSTY_GENERIC_RARE_CRITICAL, sensitivity: 'public', regulations: ['gdpr'] }).crowdAllowed, false);
    assert.equal(advise({ ...BURSTY_GENERIC_RARE_CRITICAL, sensitivity: 'confidential' }).crowdAllowed, false);
  });

  it('outsources when nobody can manage annotators and nothing needs keeping in-house', () => {
    const advice = advise({ ...SUBJECTIVE_ON_GENERIC, judgement: 'objective', team: { can_manage_annotators: false, engineers_have_time: false } });
    assert.equal(advice.recommendation, 'outsourced');
    assert.deepEqual(poolsOf(advice.policy), new Set(['vendor']));
  });

  it('puts the subjective overlap rule after expert and pilot rules, before the catch-all', () => {
    const advice = advise({ ...BURSTY_GENERIC_RARE_CRITICAL, judgement: 'mixed' });
    const names = advice.policy.rules.map((r) => r.name);
    const subjective = advice.policy.rules.findIndex((r) => r.when.tagsAny?.includes(SUBJECTIVE_TAG));
    assert.ok(subjective > names.indexOf('edge cases to experts'));
    assert.equal(subjective, advice.policy.rules.length - 2);
    assert.equal(advice.policy.rules[subjective]?.overlap, 3);
  });
});

describe('advise on partial and invalid profiles', () => {
  it('answers an empty profile and says what it assumed', () => {
    const advice = adviseFromInput({});
    assert.ok(['in_house', 'outsourced', 'hybrid'].includes(advice.recommendation));
    const assumed = advice.assumptions.map((a) => a.field);
    assert.ok(assumed.includes('stage') && assumed.includes('volume_per_week') && assumed.includes('team.can_manage_annotators'));
    assert.ok(!advice.reasons.some((r) => r.field === 'volume_per_week'));
  });

  it('says "assuming" where a reason or a risk rests on an unanswered question, and marks which ones do', () => {
    const advice = advise({ stage: 'poc', sensitivity: 'confidential' });
    const assumed = new Set(advice.assumptions.map((a) => a.field));
    assert.ok(assumed.has('domain.specialised') && assumed.has('budget') && !assumed.has('stage'));
    for (const a of advice.assumptions) assert.ok(a.assuming.length > 0, `${a.field} has its assumption in words`);
    const generic = advice.reasons.find((r) => r.field === 'domain.specialised')!;
    assert.equal(generic.assumed, true);
    assert.match(generic.says, /^Assuming the data needs no domain experts \(not answered\): generic data/);
    for (const r of advice.reasons) {
      assert.equal(r.assumed, assumed.has(r.field), r.field);
      if (r.assumed) assert.match(r.says, /^Assuming /, r.field);
      else assert.doesNotMatch(r.says, /assum/i, `${r.field} was answered: ${r.says}`);
    }
    for (const r of advice.risks) if (assumed.has(r.field)) assert.match(r.risk, /^Assuming /, r.field);
    assert.deepEqual(advise(REGULATED_SPECIALISED).reasons.filter((r) => r.assumed), [], 'a full profile assumes nothing');
  });

  it('names the field at fault', () => {
    const cases: [unknown, RegExp][] = [
      [{ critical_share: 1.5 }, /critical_share/],
      [{ stage: 'pilot' }, /stage/],
      [{ team: { can_manage: true } }, /team\.can_manage/],
      [{ volume_per_week: [10, -1] }, /volume_per_week\[1\]/],
      [{ languages: ['English'] }, /languages\[0\]/],
    ];
    for (const [input, field] of cases) {
      assert.throws(() => adviseFromInput(input), (e) => isDomainError(e) && e.code === 'validation_failed' && field.test(e.message), String(field));
    }
  });
});
