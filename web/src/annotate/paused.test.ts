import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pool } from '../api/workforce-types.ts';
import { type MyMembership, pauseStanding, whoToAsk } from './paused.ts';

const pool = (id: number, kind: Pool['kind'] = 'vendor') => ({ id, name: `pool ${id}`, kind }) as Pool;
const member = (id: number, role: MyMembership['role'], paused: boolean, kind?: Pool['kind']): MyMembership => ({
  pool: pool(id, kind),
  role,
  paused,
  pausedReason: paused ? 'gold accuracy 0.40 below 0.80' : null,
});

describe('pauses', () => {
  it('blocks a member paused in their only pool: no queue is open to them', () => {
    const standing = pauseStanding('annotator', [member(1, 'annotator', true)]);
    assert.deepEqual(standing.paused.map((m) => m.pool.id), [1]);
    assert.equal(standing.blocked, true);
  });

  it('does not block a member who still labels through another pool, nor a manager (unrouted work is theirs)', () => {
    const two = pauseStanding('annotator', [member(1, 'annotator', true), member(2, 'expert', false, 'in_house')]);
    assert.deepEqual([two.paused.length, two.blocked], [1, false]);
    assert.equal(pauseStanding('manager', [member(1, 'annotator', true)]).blocked, false);
  });

  it('counts only the memberships that label: a paused reviewer membership leaves the label work alone, an unpaused one does not open it', () => {
    assert.deepEqual(pauseStanding('annotator', [member(1, 'reviewer', true)]), { paused: [], blocked: false });
    assert.equal(pauseStanding('annotator', [member(1, 'annotator', true), member(2, 'reviewer', false)]).blocked, true);
    assert.deepEqual(pauseStanding('annotator', []), { paused: [], blocked: false });
  });

  it('names who resumes people: the pool’s managers, or a project manager when it has none', () => {
    assert.equal(whoToAsk([]), 'a project manager');
    assert.equal(whoToAsk([{ name: 'Vera' }]), 'Vera');
    assert.equal(whoToAsk([{ name: 'Vera' }, { name: 'Max' }, { name: 'Ola' }]), 'Vera, Max or Ola');
  });
});
