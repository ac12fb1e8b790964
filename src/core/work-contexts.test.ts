import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Pool } from './workforce.ts';
import { labelWorkContexts, type Membership } from './work-contexts.ts';

const pool = (id: number, kind: Pool['kind']): Pool => ({
  id, key: `p${id}`, name: `P${id}`, kind, vendor: null, costModel: null, regions: ['*'], clearance: 'internal', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {},
});

it('gives staff the unrouted work, members their pools’ work, experts their expert work first', () => {
  assert.deepEqual(labelWorkContexts('annotator', []), [{ poolId: null, memberRole: null, limits: null }]);
  const vendor: Membership = { pool: pool(2, 'vendor'), role: 'annotator', paused: false };
  assert.deepEqual(labelWorkContexts('annotator', [vendor]).map((c) => c.poolId), [2]);
  const expert: Membership = { pool: pool(1, 'in_house'), role: 'expert', paused: false };
  assert.deepEqual(labelWorkContexts('annotator', [expert]).map((c) => [c.poolId, c.memberRole]), [[1, 'expert'], [1, null], [null, null]]);
  assert.equal(labelWorkContexts('annotator', [expert])[2]!.limits?.clearance, 'internal', 'unrouted work within the in-house pool’s limits');
  assert.deepEqual(labelWorkContexts('manager', [vendor]).at(-1), { poolId: null, memberRole: null, limits: null });
});

it('gives a paused member nothing, and reviewers and pool managers no label work', () => {
  assert.deepEqual(labelWorkContexts('annotator', [{ pool: pool(2, 'vendor'), role: 'annotator', paused: true }]), []);
  assert.deepEqual(labelWorkContexts('reviewer', [{ pool: pool(2, 'vendor'), role: 'reviewer', paused: false }]), []);
  assert.deepEqual(labelWorkContexts('annotator', [{ pool: pool(2, 'vendor'), role: 'manager', paused: false }]), []);
});
