/**
 * Where an item's work goes: the first rule of the policy that matches the item sends it to its
 * pools — minus any pool the hard limits keep from the item (clearance, region, language). A rule
 * left with no pool does not apply, and the next rule is tried. The answer says why, rule by rule.
 */
import { type AccessDenial, type ItemAccessFacts, type PoolKind, poolMaySee, type Sensitivity, sensitivityRank } from '../workforce.ts';
import type { RoutingPolicy, RoutingRule, RuleCondition } from './policy.ts';

/** What routing knows of an item. */
export interface RoutableItem extends ItemAccessFacts {
  tags: readonly string[];
  edgeCase: boolean;
  /** The model's confidence in its prediction, or null when there is none. */
  confidence: number | null;
  /** 0-based position of the item in its project (import order). */
  position: number;
  /** What earlier stages found; unknown (undefined) before any label is in. */
  agreement?: number | null;
  goldFailed?: boolean;
  reviewRejected?: boolean;
}

export interface RoutablePool {
  id: number;
  key: string;
  kind: PoolKind;
  clearance: Sensitivity;
  regions: readonly string[];
  languages: readonly string[];
}

export interface RoutedTarget {
  poolId: number;
  poolKey: string;
  weight: number;
  role: 'expert' | null;
}

export interface RuleTrace {
  rule: string;
  matched: boolean;
  /** Why the rule did not match, or which of its pools the hard limits removed. */
  notes: string[];
}

export interface RouteDecision {
  /** The rule that sent the work; null when no rule applies (the work stays unrouted). */
  rule: string | null;
  targets: RoutedTarget[];
  overlap: number;
  priority: number;
  trace: RuleTrace[];
}

const WILDCARD = '*';

/** The hard limit with the `*` wildcard of regions and languages understood. */
export function mayPoolSee(pool: Pick<RoutablePool, 'clearance' | 'regions' | 'languages'>, item: ItemAccessFacts): AccessDenial | null {
  return poolMaySee(
    {
      clearance: pool.clearance,
      regions: pool.regions.includes(WILDCARD) && item.region !== null ? [...pool.regions, item.region] : [...pool.regions],
      languages: pool.languages.includes(WILDCARD) && item.language !== null ? [...pool.languages, item.language] : [...pool.languages],
    },
    item,
  );
}

/** Why a condition fails for the item, or null when every part of it holds. */
export function conditionMismatch(when: RuleCondition, item: RoutableItem): string | null {
  if (when.sensitivity && !when.sensitivity.includes(item.sensitivity)) return `sensitivity is ${item.sensitivity}, not ${when.sensitivity.join(' or ')}`;
  if (when.sensitivityAtLeast && sensitivityRank(item.sensitivity) < sensitivityRank(when.sensitivityAtLeast)) {
    return `sensitivity ${item.sensitivity} is below ${when.sensitivityAtLeast}`;
  }
  if (when.region && (item.region === null || !when.region.includes(item.region))) return `region is ${item.region ?? 'not set'}, not ${when.region.join(' or ')}`;
  if (when.language && (item.language === null || !when.language.includes(item.language))) {
    return `language is ${item.language ?? 'not set'}, not ${when.language.join(' or ')}`;
  }
  if (when.tagsAny && !when.tagsAny.some((t) => item.tags.includes(t))) return `no tag among ${when.tagsAny.join(', ')}`;
  if (when.edgeCase !== undefined && item.edgeCase !== when.edgeCase) return when.edgeCase ? 'not flagged as an edge case' : 'flagged as an edge case';
  if (when.confidenceBelow !== undefined && (item.confidence === null || item.confidence >= when.confidenceBelow)) {
    return item.confidence === null ? 'no model prediction' : `model confidence ${item.confidence} is not below ${when.confidenceBelow}`;
  }
  if (when.confidenceAtLeast !== undefined && (item.confidence === null || item.confidence < when.confidenceAtLeast)) {
    return item.confidence === null ? 'no model prediction' : `model confidence ${item.confidence} is below ${when.confidenceAtLeast}`;
  }
  if (when.agreementBelow !== undefined && (item.agreement == null || item.agreement >= when.agreementBelow)) {
    return item.agreement == null ? 'no agreement measured yet' : `agreement ${item.agreement} is not below ${when.agreementBelow}`;
  }
  if (when.goldFailed !== undefined && Boolean(item.goldFailed) !== when.goldFailed) return when.goldFailed ? 'no failed gold check' : 'a gold check failed';
  if (when.reviewRejected !== undefined && Boolean(item.reviewRejected) !== when.reviewRejected) return when.reviewRejected ? 'not rejected in review' : 'rejected in review';
  if (when.pilotFirst !== undefined && item.position >= when.pilotFirst) return `item ${item.position + 1} is past the pilot batch of ${when.pilotFirst}`;
  return null;
}

/** Model confidence turned into a priority: the least confident first (0 … 100). */
export function uncertaintyPriority(confidence: number | null): number {
  if (confidence === null) return 0;
  return Math.round((1 - Math.min(1, Math.max(0, confidence))) * 100);
}

function targetsOf(rule: RoutingRule, item: RoutableItem, pools: ReadonlyMap<string, RoutablePool>, notes: string[]): RoutedTarget[] {
  const targets: RoutedTarget[] = [];
  for (const target of rule.to) {
    const pool = pools.get(target.pool);
    if (!pool) {
      notes.push(`pool "${target.pool}" does not exist`);
      continue;
    }
    const denial = mayPoolSee(pool, item);
    if (denial) {
      notes.push(`${pool.key} may not see it (${denial}: ${denialText(denial, pool, item)})`);
      continue;
    }
    if (target.weight > 0) targets.push({ poolId: pool.id, poolKey: pool.key, weight: target.weight, role: target.role ?? null });
  }
  return targets;
}

function denialText(denial: AccessDenial, pool: RoutablePool, item: ItemAccessFacts): string {
  if (denial === 'clearance') return `item is ${item.sensitivity}, pool cleared for ${pool.clearance}`;
  if (denial === 'region') return `item must stay in ${item.region}, pool works in ${pool.regions.join(', ') || 'no region'}`;
  return `item is in ${item.language}, pool works in ${pool.languages.join(', ') || 'no language'}`;
}

export function routeItem(policy: RoutingPolicy, item: RoutableItem, pools: ReadonlyMap<string, RoutablePool>, projectOverlap: number): RouteDecision {
  const trace: RuleTrace[] = [];
  for (const rule of policy.rules) {
    const mismatch = conditionMismatch(rule.when, item);
    if (mismatch) {
      trace.push({ rule: rule.name, matched: false, notes: [mismatch] });
      continue;
    }
    const notes: string[] = [];
    const targets = targetsOf(rule, item, pools, notes);
    if (targets.length === 0) {
      trace.push({ rule: rule.name, matched: false, notes: [...notes, 'no pool of this rule may take the item'] });
      continue;
    }
    trace.push({ rule: rule.name, matched: true, notes });
    const priority = (rule.priority ?? 0) + (rule.priorityByUncertainty ? uncertaintyPriority(item.confidence) : 0);
    return { rule: rule.name, targets, overlap: rule.overlap ?? projectOverlap, priority, trace };
  }
  return { rule: null, targets: [], overlap: projectOverlap, priority: 0, trace };
}

/**
 * Splits an item's `overlap` slots over the targets by weight, the same way every time for the same
 * item (so re-routing and retries agree), while keeping the volume shares over many items.
 */
export function assignSlots(targets: readonly RoutedTarget[], overlap: number, itemKey: number): RoutedTarget[] {
  if (targets.length === 0) return [];
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  const slots: RoutedTarget[] = [];
  for (let slot = 0; slot < overlap; slot++) {
    // A low-discrepancy walk over [0, 1): the golden-ratio sequence seeded by the item.
    const u = (itemKey * 0.6180339887498949 + slot * 0.7548776662466927) % 1;
    let acc = 0;
    let chosen = targets[targets.length - 1]!;
    for (const t of targets) {
      acc += t.weight / total;
      if (u < acc) {
        chosen = t;
        break;
      }
    }
    slots.push(chosen);
  }
  return slots;
}
