/**
 * Editing a routing policy on the screen: pure steps from one policy to the next, the conditions a
 * rule can have with their words, and the checks worth making before the server is asked.
 */
import type { Sensitivity } from '../api/types.ts';
import type { RoutingPolicy, RoutingRule, RuleCondition } from '../api/workforce-types.ts';

export type ConditionKey = keyof RuleCondition;

export type ConditionInput = 'sensitivities' | 'sensitivity' | 'list' | 'flag' | 'fraction' | 'agreement' | 'count';

/** Every condition a rule can have, in the order the editor offers them. */
export const CONDITIONS: { key: ConditionKey; input: ConditionInput; words: string }[] = [
  { key: 'sensitivity', input: 'sensitivities', words: 'Sensitivity is one of' },
  { key: 'sensitivityAtLeast', input: 'sensitivity', words: 'Sensitivity at least' },
  { key: 'region', input: 'list', words: 'Region is one of' },
  { key: 'language', input: 'list', words: 'Language is one of' },
  { key: 'tagsAny', input: 'list', words: 'Has any of the tags' },
  { key: 'edgeCase', input: 'flag', words: 'Flagged as an edge case' },
  { key: 'confidenceBelow', input: 'fraction', words: 'Model confidence below' },
  { key: 'confidenceAtLeast', input: 'fraction', words: 'Model confidence at least' },
  { key: 'agreementBelow', input: 'agreement', words: 'Annotator agreement below' },
  { key: 'goldFailed', input: 'flag', words: 'Failed a gold check' },
  { key: 'reviewRejected', input: 'flag', words: 'Rejected in review' },
  { key: 'pilotFirst', input: 'count', words: 'Among the first items (pilot batch)' },
];

export const SENSITIVITY_LEVELS: Sensitivity[] = ['public', 'internal', 'confidential', 'restricted'];

/** A default value for a condition just added. */
export function defaultCondition(key: ConditionKey): RuleCondition[ConditionKey] {
  const input = CONDITIONS.find((c) => c.key === key)!.input;
  switch (input) {
    case 'sensitivities':
      return ['confidential', 'restricted'];
    case 'sensitivity':
      return 'confidential';
    case 'list':
      return [];
    case 'flag':
      return true;
    case 'fraction':
      return 0.6;
    case 'agreement':
      return 0.5;
    case 'count':
      return 100;
  }
}

/** Sets a condition, or takes it away with `undefined`. */
export function setCondition<K extends ConditionKey>(when: RuleCondition, key: K, value: RuleCondition[K] | undefined): RuleCondition {
  const next = { ...when };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function newRule(existing: RoutingRule[], pool: string): RoutingRule {
  const names = new Set(existing.map((r) => r.name));
  let n = existing.length + 1;
  while (names.has(`rule ${n}`)) n++;
  return { name: `rule ${n}`, when: {}, to: [{ pool, weight: 1 }] };
}

export function replaceRule(policy: RoutingPolicy, index: number, rule: RoutingRule): RoutingPolicy {
  return { ...policy, rules: policy.rules.map((r, i) => (i === index ? rule : r)) };
}

export function removeRule(policy: RoutingPolicy, index: number): RoutingPolicy {
  return { ...policy, rules: policy.rules.filter((_r, i) => i !== index) };
}

/** Moves a rule up (-1) or down (+1); first match wins, so the order is the policy. */
export function moveRule(policy: RoutingPolicy, index: number, delta: -1 | 1): RoutingPolicy {
  const to = index + delta;
  if (to < 0 || to >= policy.rules.length) return policy;
  const rules = policy.rules.slice();
  [rules[index], rules[to]] = [rules[to]!, rules[index]!];
  return { ...policy, rules };
}

const list = (values: readonly string[]) => values.join(', ');

/** A rule's conditions in a few words ("every item" when it has none). */
export function conditionWords(when: RuleCondition): string {
  const parts: string[] = [];
  if (when.sensitivity) parts.push(`sensitivity ${when.sensitivity.join(' or ')}`);
  if (when.sensitivityAtLeast) parts.push(`sensitivity ≥ ${when.sensitivityAtLeast}`);
  if (when.region) parts.push(`region ${list(when.region)}`);
  if (when.language) parts.push(`language ${list(when.language)}`);
  if (when.tagsAny) parts.push(`tags any of ${list(when.tagsAny)}`);
  if (when.edgeCase !== undefined) parts.push(when.edgeCase ? 'edge case' : 'not an edge case');
  if (when.confidenceBelow !== undefined) parts.push(`confidence < ${when.confidenceBelow}`);
  if (when.confidenceAtLeast !== undefined) parts.push(`confidence ≥ ${when.confidenceAtLeast}`);
  if (when.agreementBelow !== undefined) parts.push(`agreement < ${when.agreementBelow}`);
  if (when.goldFailed !== undefined) parts.push(when.goldFailed ? 'gold failed' : 'gold passed');
  if (when.reviewRejected !== undefined) parts.push(when.reviewRejected ? 'rejected in review' : 'not rejected in review');
  if (when.pilotFirst !== undefined) parts.push(`first ${when.pilotFirst} items`);
  return parts.length > 0 ? parts.join(', ') : 'every item';
}

/** What is wrong with the policy before the server is asked: rule by rule, in words. */
export function policyIssues(policy: RoutingPolicy, poolKeys: readonly string[]): string[] {
  const issues: string[] = [];
  const known = new Set(poolKeys);
  const seen = new Set<string>();
  policy.rules.forEach((rule, i) => {
    const at = `Rule ${i + 1}${rule.name.trim() ? ` (${rule.name.trim()})` : ''}`;
    if (!rule.name.trim()) issues.push(`${at} needs a name.`);
    else if (seen.has(rule.name.trim())) issues.push(`${at}: another rule has the same name.`);
    seen.add(rule.name.trim());
    if (rule.to.length === 0) issues.push(`${at} sends the work nowhere: add a pool.`);
    for (const t of rule.to) if (!known.has(t.pool)) issues.push(`${at} names the pool "${t.pool}", which does not exist.`);
    if (rule.to.length > 0 && rule.to.every((t) => t.weight === 0)) issues.push(`${at}: every pool has weight 0.`);
    for (const p of rule.reviewBy ?? []) if (!known.has(p)) issues.push(`${at} has its reviews made by "${p}", which does not exist.`);
    for (const key of ['region', 'language', 'tagsAny'] as const) if (rule.when[key]?.length === 0) issues.push(`${at}: give at least one value for "${CONDITIONS.find((c) => c.key === key)!.words.toLowerCase()}", or remove it.`);
    if (rule.when.sensitivity?.length === 0) issues.push(`${at}: pick at least one sensitivity, or remove the condition.`);
  });
  const catchAll = policy.rules.findIndex((r) => Object.keys(r.when).length === 0);
  if (catchAll >= 0 && catchAll < policy.rules.length - 1) issues.push(`Rule ${catchAll + 1} matches every item: the rules after it never apply.`);
  return issues;
}
