/**
 * The routing policy the advisor hands out, on placeholder pool keys that the project's real pools
 * replace (`in-house`, `in-house-experts`, `vendor`). Built from the presets of routing/policy.ts,
 * with the overlap rule that subjective questions need placed first.
 */
import { type PresetName, presetPolicy, type RoutingPolicy, type RoutingRule } from '../routing/policy.ts';
import type { PoolKind } from '../workforce.ts';
import type { ResolvedProfile } from './profile.ts';

export type Recommendation = 'in_house' | 'outsourced' | 'hybrid';

export interface PlaceholderPool {
  key: string;
  kind: PoolKind;
  role: string;
}

export const PLACEHOLDER_POOLS: Record<'inHouse' | 'experts' | 'vendor', PlaceholderPool> = {
  inHouse: { key: 'in-house', kind: 'in_house', role: 'your own annotators; replace with the key of your in-house pool' },
  experts: { key: 'in-house-experts', kind: 'in_house', role: 'your domain experts, for edge cases and critical items; replace with the key of your expert pool' },
  vendor: { key: 'vendor', kind: 'vendor', role: 'a vetted vendor team with the clearance, regions and languages the data needs; replace with your vendor pool key(s)' },
};

/** Items tagged with this get the subjective overlap rule. */
export const SUBJECTIVE_TAG = 'subjective';
export const SUBJECTIVE_OVERLAP = 3;

export function advisedPolicy(recommendation: Recommendation, pattern: PresetName | null, p: ResolvedProfile): { policy: RoutingPolicy; pools: PlaceholderPool[] } {
  const needsExperts = p.domain.specialised || p.critical_share > 0;
  const inHouse = PLACEHOLDER_POOLS.inHouse.key;
  const experts = needsExperts ? PLACEHOLDER_POOLS.experts.key : inHouse;
  const vendor = PLACEHOLDER_POOLS.vendor.key;
  const subjective = p.judgement !== 'objective';
  const reviewSample = subjective ? 0.2 : 0.1;
  let policy: RoutingPolicy;
  if (recommendation === 'hybrid' && pattern !== null) {
    const firstWeek = p.volume_per_week?.[0];
    const pilotItems = firstWeek === undefined ? 200 : Math.min(1000, Math.max(100, Math.round(firstWeek * 0.1)));
    policy = presetPolicy(pattern, { inHouse: [inHouse], experts: needsExperts ? [experts] : [], vendors: [vendor], crowd: [] }, { reviewSample, pilotItems });
  } else {
    const to = recommendation === 'outsourced' ? vendor : inHouse;
    const rules: RoutingRule[] = [];
    if (recommendation === 'in_house' && needsExperts) rules.push({ name: 'edge cases to experts', when: { edgeCase: true }, to: [{ pool: experts, weight: 1 }], priority: 10 });
    rules.push({
      name: recommendation === 'outsourced' ? 'everything to the vendor' : 'everything in-house',
      when: {},
      to: [{ pool: to, weight: 1 }],
      ...(p.iteration === 'active_learning' ? { priorityByUncertainty: true } : {}),
      ...(recommendation === 'outsourced' ? { reviewSample: 0.05, reviewBy: [vendor] } : {}),
    });
    policy = { rules };
  }
  if (subjective) {
    // Before the catch-all, after the rules for experts, confidential items and the pilot: those win.
    const rules = [...policy.rules];
    const bulkAt = rules.findIndex((r) => Object.keys(r.when).length === 0);
    rules.splice(bulkAt < 0 ? rules.length : bulkAt, 0, subjectiveRule(policy, reviewSample, recommendation === 'outsourced' ? vendor : inHouse));
    policy = { ...policy, rules };
  }
  const used = new Set(policy.rules.flatMap((r) => [...r.to.map((t) => t.pool), ...(r.reviewBy ?? [])]));
  return { policy, pools: Object.values(PLACEHOLDER_POOLS).filter((pool) => used.has(pool.key)) };
}

/**
 * Subjective items keep the pools the bulk rule would give them, but with overlap for a consensus
 * and a larger review sample by whoever calibrates the guidelines.
 */
function subjectiveRule(policy: RoutingPolicy, reviewSample: number, reviewer: string): RoutingRule {
  const bulk = policy.rules.find((r) => Object.keys(r.when).length === 0) ?? policy.rules[policy.rules.length - 1];
  return {
    name: 'subjective questions: overlap and consensus',
    when: { tagsAny: [SUBJECTIVE_TAG] },
    to: bulk ? bulk.to : [{ pool: reviewer, weight: 1 }],
    overlap: SUBJECTIVE_OVERLAP,
    reviewSample,
    reviewBy: [reviewer],
  };
}
