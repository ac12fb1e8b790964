import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PoolKind } from '../workforce.ts';
import { currentTier, escalationTarget } from './escalation-target.ts';
import type { RoutedTarget } from './route-item.ts';

const IN_HOUSE = 1;
const ACME = 2;
const CROWD = 3;
const kinds = new Map<number, PoolKind>([
  [IN_HOUSE, 'in_house'],
  [ACME, 'vendor'],
  [CROWD, 'crowd'],
]);
const target = (poolId: number, weight = 1, role: 'expert' | null = null): RoutedTarget => ({ poolId, poolKey: `pool-${poolId}`, weight, role });
const label = (poolId: number | null) => ({ stage: 'label', poolId, memberRole: null });

describe('where escalated work goes', () => {
  it('never sends it down a tier, nor to a pool of the same tier', () => {
    const from = currentTier([label(IN_HOUSE)], kinds);
    // The demo's news policy for internal items: mostly the vendor, some in-house; the vendor has no expert.
    assert.equal(escalationTarget([target(ACME, 3), target(IN_HOUSE, 1)], from, kinds, new Set([IN_HOUSE]))?.poolId, IN_HOUSE);
    assert.equal(escalationTarget([target(ACME, 3)], from, kinds, new Set([ACME])), null, 'a vendor’s experts are not above in-house annotators');
  });

  it('sends it only to a pool that has an expert', () => {
    const from = currentTier([label(CROWD), label(ACME)], kinds);
    assert.equal(escalationTarget([target(CROWD), target(ACME)], from, kinds, new Set()), null, 'public items to crowd and vendor: nobody there adjudicates');
    assert.equal(escalationTarget([target(CROWD), target(ACME)], from, kinds, new Set([CROWD])), null, 'the crowd’s experts are below the vendor’s annotators');
    assert.deepEqual(escalationTarget([target(CROWD), target(ACME)], currentTier([label(CROWD)], kinds), kinds, new Set([ACME])), { ...target(ACME), role: 'expert' });
  });

  it('keeps the task for the pool’s experts, by weight among those higher', () => {
    const from = currentTier([label(CROWD)], kinds);
    const chosen = escalationTarget([target(ACME, 1), target(IN_HOUSE, 2)], from, kinds, new Set([ACME, IN_HOUSE]));
    assert.deepEqual([chosen?.poolId, chosen?.role], [IN_HOUSE, 'expert']);
  });

  it('counts unrouted work as in-house staff’s, and unrouted or routed adjudication as the experts’', () => {
    assert.equal(currentTier([label(null)], kinds), 2);
    assert.equal(escalationTarget([target(IN_HOUSE, 1, 'expert')], currentTier([label(null)], kinds), kinds, new Set([IN_HOUSE]))?.poolId, IN_HOUSE);
    const adjudicated = [label(ACME), { stage: 'adjudicate', poolId: null, memberRole: null }];
    assert.equal(escalationTarget([target(IN_HOUSE, 1, 'expert')], currentTier(adjudicated, kinds), kinds, new Set([IN_HOUSE])), null, 'nothing is above the top tier');
    assert.equal(currentTier([{ stage: 'adjudicate', poolId: ACME, memberRole: null }], kinds), 2);
    assert.equal(currentTier([], kinds), 0);
  });
});
