/**
 * What the server refused in a draft policy, put back on the rules it concerns. The server answers
 * with paths into the body ("policy.rules[1].to[0].weight", numbered from 0) and the validator's
 * wording ("Too small: expected number to be >=0"); the editor shows each problem once, beside its
 * rule, in the words of the form and numbered as the rules are shown.
 */
import { ApiError } from '../api/errors.ts';
import type { FieldIssue } from '../api/types.ts';
import type { RoutingPolicy, RoutingRule } from '../api/workforce-types.ts';
import { CONDITIONS } from './policy-edit.ts';

export interface PolicyProblems {
  /** Per rule, in the order they are shown: what is wrong with it, each problem once. */
  byRule: string[][];
  /** What concerns no single rule (the policy as a whole). */
  other: string[];
}

const RULE_PATH = /^(?:policy\.)?rules\[(\d+)\](?:\.(.+))?$/;

/** The problems of an error the server gave for `policy`; null when it named none (then it is shown as any error). */
export function policyProblems(error: unknown, policy: RoutingPolicy): PolicyProblems | null {
  if (!(error instanceof ApiError) || error.issues.length === 0) return null;
  const byRule = policy.rules.map(() => new Set<string>());
  const other = new Set<string>();
  for (const issue of error.issues) {
    const match = RULE_PATH.exec(issue.path);
    const index = match ? Number(match[1]) : -1;
    const rule = policy.rules[index];
    if (rule && match) byRule[index]!.add(fieldProblem(rule, match[2] ?? '', issue));
    else if (/^(policy\.)?rules$/.test(issue.path)) other.add('A policy has at most 100 rules.');
    else other.add(`The policy: ${issue.message}.`);
  }
  return { byRule: byRule.map((s) => [...s]), other: [...other] };
}

/** One sentence on one field of a rule: what the field must be, which holds whatever bound was crossed. */
function fieldProblem(rule: RoutingRule, field: string, issue: FieldIssue): string {
  const target = /^to\[(\d+)\]\.(pool|weight|role)$/.exec(field);
  if (target) {
    const pool = rule.to[Number(target[1])]?.pool ?? '';
    if (target[2] === 'pool') return pool ? `The pool "${pool}" does not exist.` : 'Choose a pool to send the work to.';
    if (target[2] === 'weight') return `The weight of ${pool || 'a pool'} must be a number, 0 or more.`;
    return `Only the experts of ${pool || 'a pool'} can be chosen, or every member.`;
  }
  const reviewer = /^reviewBy\[(\d+)\]$/.exec(field);
  if (reviewer) return `Reviews by "${rule.reviewBy?.[Number(reviewer[1])] ?? ''}": no such pool.`;
  const condition = /^when\.(\w+)/.exec(field);
  if (condition) return conditionProblem(condition[1]!);
  switch (field) {
    case 'name':
      return /two rules/.test(issue.message) ? 'Another rule has the same name.' : 'The name must have 1 to 100 characters.';
    case 'to':
      return rule.to.length === 0 ? 'It sends the work nowhere: add a pool.' : 'It can send work to at most 20 pools.';
    case 'overlap':
      return 'Annotators per item must be a whole number from 1 to 50, or left empty for the project’s.';
    case 'priority':
      return 'Priority must be a whole number from -1000 to 1000.';
    case 'reviewSample':
      return 'The review sample must be a fraction from 0 to 1 (0.1 reviews one item in ten).';
    case 'reviewBy':
      return 'At most 20 pools can review it.';
    default:
      return `${field ? `${field}: ` : ''}${issue.message}.`;
  }
}

function conditionProblem(key: string): string {
  const words = CONDITIONS.find((c) => c.key === key)?.words ?? key;
  switch (CONDITIONS.find((c) => c.key === key)?.input) {
    case 'fraction':
      return `“${words}” must be a number from 0 to 1.`;
    case 'agreement':
      return `“${words}” must be a number from -1 to 1.`;
    case 'count':
      return `“${words}” must be a whole number above 0.`;
    case 'list':
    case 'sensitivities':
      return `“${words}” needs at least one value, or remove the condition.`;
    default:
      return `“${words}” is not a value this condition takes.`;
  }
}

/** Where the problems are, for the note beside the buttons: "rules 1 and 3". */
export function rulesWithProblems(problems: PolicyProblems): string {
  const numbers = problems.byRule.flatMap((p, i) => (p.length > 0 ? [i + 1] : []));
  if (numbers.length === 0) return '';
  if (numbers.length === 1) return `rule ${numbers[0]}`;
  return `rules ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
