import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { User } from '../../core/users.ts';
import { listMembers } from '../../store/pools.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { makePool } from '../../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';

describeEachEngine('pool members routes', (ctx) => {
  let t: TestApp;
  let manager: { user: User; cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    manager = await t.signedIn('manager');
  });
  after(async () => t.close());

  const addMember = (poolId: number, who: { cookie: string }, email: string, role: string) =>
    t.request({ method: 'POST', url: `/api/v1/pools/${poolId}/members`, cookie: who.cookie, payload: { email, role } });
  const removeMember = (poolId: number, who: { cookie: string }, userId: number) => t.request({ method: 'DELETE', url: `/api/v1/pools/${poolId}/members/${userId}`, cookie: who.cookie });
  const roles = async (poolId: number) => Object.fromEntries((await listMembers(ctx.store.db, poolId)).map((m) => [m.userId, m.role]));

  it('keeps a pool manager from demoting or removing themselves; they still run the other members', async () => {
    const pool = await makePool(ctx.store.db);
    const lead = await t.signedIn('annotator');
    const worker = await t.signedIn('annotator');
    assert.equal((await addMember(pool.id, manager, lead.user.email, 'manager')).statusCode, 201);
    for (const role of ['reviewer', 'annotator', 'expert', 'manager']) {
      const demoted = await addMember(pool.id, lead, lead.user.email, role);
      assert.equal(demoted.statusCode, 403, `${role}: ${demoted.body}`);
      assert.match(demoted.json().error.message, /cannot change your own role/);
    }
    const removed = await removeMember(pool.id, lead, lead.user.id);
    assert.equal(removed.statusCode, 403, removed.body);
    assert.match(removed.json().error.message, /cannot remove yourself/);
    assert.equal((await roles(pool.id))[lead.user.id], 'manager');
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/pools/${pool.id}/queue`, cookie: lead.cookie })).statusCode, 200, 'still runs the pool');
    assert.equal((await addMember(pool.id, lead, worker.user.email, 'annotator')).statusCode, 201);
    assert.equal((await addMember(pool.id, lead, worker.user.email, 'reviewer')).statusCode, 201);
    assert.equal((await removeMember(pool.id, lead, worker.user.id)).statusCode, 204);
  });

  it('lets staff managers change or remove any member, the last pool manager and themselves included', async () => {
    const pool = await makePool(ctx.store.db);
    const lead = await t.signedIn('annotator');
    await addMember(pool.id, manager, lead.user.email, 'manager');
    assert.equal((await addMember(pool.id, manager, lead.user.email, 'reviewer')).statusCode, 201);
    assert.equal((await removeMember(pool.id, manager, lead.user.id)).statusCode, 204, 'the last pool manager may go');
    assert.equal((await addMember(pool.id, manager, manager.user.email, 'manager')).statusCode, 201);
    assert.equal((await addMember(pool.id, manager, manager.user.email, 'reviewer')).statusCode, 201);
    assert.equal((await removeMember(pool.id, manager, manager.user.id)).statusCode, 204);
    assert.deepEqual(await roles(pool.id), {});
  });
});
