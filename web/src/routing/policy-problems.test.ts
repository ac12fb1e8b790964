import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError, errorFromResponse } from '../api/errors.ts';
import type { RoutingPolicy } from '../api/workforce-types.ts';
import { policyProblems, rulesWithProblems } from './policy-problems.ts';

const policy: RoutingPolicy = {
  rules: [
    { name: 'edge cases to experts', when: { edgeCase: true }, to: [{ pool: 'in-house', weight: 1, role: 'expert' }] },
    { name: 'bulk to vendors', when: { confidenceBelow: 2 }, to: [{ pool: 'acme', weight: -1 }], overlap: 0, reviewSample: 3 },
  ],
};

it('puts what the server refused beside the rule it concerns, once each, in the form’s words', () => {
  // The server's answer to that draft: its first issue is also its message, and rules count from 0.
  const refusal = errorFromResponse(400, {
    error: {
      code: 'invalid_input',
      message: 'body policy.rules[1].to[0].weight: Too small: expected number to be >=0',
      details: {
        issues: [
          { path: 'policy.rules[1].to[0].weight', message: 'Too small: expected number to be >=0' },
          { path: 'policy.rules[1].overlap', message: 'Too small: expected number to be >=1' },
          { path: 'policy.rules[1].when.confidenceBelow', message: 'Too big: expected number to be <=1' },
          { path: 'policy.rules[1].reviewSample', message: 'Too big: expected number to be <=1' },
          { path: 'policy.rules[1].overlap', message: 'Invalid input: expected int, received number' },
        ],
      },
    },
  });
  const problems = policyProblems(refusal, policy)!;
  assert.deepEqual(problems.byRule[0], [], 'nothing beside the first rule');
  assert.deepEqual(problems.byRule[1], [
    'The weight of acme must be a number, 0 or more.',
    'Annotators per item must be a whole number from 1 to 50, or left empty for the project’s.',
    '“Model confidence below” must be a number from 0 to 1.',
    'The review sample must be a fraction from 0 to 1 (0.1 reviews one item in ten).',
  ]);
  assert.deepEqual(problems.other, []);
  assert.equal(rulesWithProblems(problems), 'rule 2', 'numbered as the rules are shown');
  for (const line of problems.byRule.flat()) assert.doesNotMatch(line, /rules\[|Too (small|big)|expected/, line);
});

it('words the policy checks (pools, names) and keeps what no rule owns apart', () => {
  const refusal = new ApiError(422, 'validation_failed', 'rules[0].to[0].pool: no pool "x"', [
    { path: 'rules[0].to[0].pool', message: 'no pool "in-house"' },
    { path: 'rules[1].name', message: 'two rules are named "bulk to vendors"' },
    { path: 'rules[1].reviewBy[0]', message: 'no pool "qa"' },
    { path: 'policy.rules', message: 'Too big: expected array to have <=100 items' },
  ]);
  const problems = policyProblems(refusal, { rules: [policy.rules[0]!, { ...policy.rules[1]!, reviewBy: ['qa'] }] })!;
  assert.deepEqual(problems.byRule, [['The pool "in-house" does not exist.'], ['Another rule has the same name.', 'Reviews by "qa": no such pool.']]);
  assert.deepEqual(problems.other, ['A policy has at most 100 rules.']);
  assert.equal(rulesWithProblems(problems), 'rules 1 and 2');
});

it('leaves an error that names no field to be shown as any error', () => {
  assert.equal(policyProblems(new ApiError(403, 'forbidden', 'only managers route work'), policy), null);
  assert.equal(policyProblems(new TypeError('fetch failed'), policy), null);
});
