import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import type { RoutingPolicy } from '../api/workforce-types.ts';
import { conditionWords, moveRule, newRule, policyIssues, removeRule, setCondition } from './policy-edit.ts';

const policy: RoutingPolicy = {
  rules: [
    { name: 'edge cases to experts', when: { edgeCase: true }, to: [{ pool: 'in-house', weight: 1, role: 'expert' }] },
    { name: 'bulk to vendors', when: {}, to: [{ pool: 'acme', weight: 1 }] },
  ],
};

it('moves rules within the policy and never loses or duplicates one', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom(-1 as const, 1 as const), (names, at, delta) => {
      const p: RoutingPolicy = { rules: names.map((name) => ({ name, when: {}, to: [{ pool: 'a', weight: 1 }] })) };
      const index = at % names.length;
      const moved = moveRule(p, index, delta);
      assert.deepEqual(moved.rules.map((r) => r.name).sort(), [...names].sort());
      const to = index + delta;
      if (to >= 0 && to < names.length) assert.equal(moved.rules[to]!.name, names[index]);
      else assert.equal(moved, p);
    }),
  );
  assert.deepEqual(removeRule(policy, 0).rules.map((r) => r.name), ['bulk to vendors']);
});

it('sets and takes away conditions without touching the others', () => {
  const when = setCondition({ edgeCase: true }, 'confidenceBelow', 0.5);
  assert.deepEqual(when, { edgeCase: true, confidenceBelow: 0.5 });
  assert.deepEqual(setCondition(when, 'edgeCase', undefined), { confidenceBelow: 0.5 });
  assert.equal(conditionWords({}), 'every item');
  assert.equal(conditionWords({ sensitivityAtLeast: 'confidential', tagsAny: ['night', 'rain'] }), 'sensitivity ≥ confidential, tags any of night, rain');
});

it('names new rules apart from the existing ones', () => {
  const rule = newRule([{ name: 'rule 2', when: {}, to: [] }], 'acme');
  assert.equal(rule.name, 'rule 3');
  assert.deepEqual(rule.to, [{ pool: 'acme', weight: 1 }]);
});

it('says what is wrong before the server is asked', () => {
  assert.deepEqual(policyIssues(policy, ['in-house', 'acme']), []);
  const bad: RoutingPolicy = {
    rules: [
      { name: 'all', when: {}, to: [{ pool: 'nowhere', weight: 1 }] },
      { name: 'all', when: { region: [] }, to: [] },
    ],
  };
  const issues = policyIssues(bad, ['acme']);
  assert.ok(issues.some((i) => /pool "nowhere", which does not exist/.test(i)));
  assert.ok(issues.some((i) => /same name/.test(i)));
  assert.ok(issues.some((i) => /sends the work nowhere/.test(i)));
  assert.ok(issues.some((i) => /region is one of/.test(i)));
  assert.ok(issues.some((i) => /Rule 1 matches every item: the rules after it never apply/.test(i)));
});
