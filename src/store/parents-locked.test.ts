import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeProject, textItem } from '../../test/support/fixtures.ts';
import { insertItemsWithTasks } from './items.ts';
import { PARENTS_LOCKED_TABLES, withParentsLocked } from './parents-locked.ts';
import { insertPool } from './pools.ts';

describeEachEngine('items inserted with their parents locked once per batch', (ctx) => {
  it('leaves the tables it writes without triggers but their foreign keys (the replica role would silence them)', async () => {
    const { rows } = await sql<{ name: string; table: string }>`
      SELECT tgname AS name, tgrelid::regclass::text AS table FROM pg_trigger
      WHERE tgrelid::regclass::text = ANY(${[...PARENTS_LOCKED_TABLES]}::text[]) AND NOT tgisinternal`.execute(ctx.store.db);
    assert.deepEqual(rows, [], 'a trigger on these tables would be skipped by imports: see parents-locked.ts');
  });

  it('stores items and routed tasks in a transaction, and puts the role back for what follows', async () => {
    const project = await makeProject(ctx.store);
    const pool = await insertPool(ctx.store.db, { key: `p-${project.id}`, name: 'V', kind: 'vendor', vendor: 'V', costModel: null, regions: ['*'], clearance: 'internal', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    const role = await ctx.store.transaction(async (tx) => {
      const ids = await insertItemsWithTasks(tx, project.id, [textItem('one'), textItem('two')], [
        [{ poolId: pool.id, memberRole: null, priority: 2, routedBy: 'rule' }],
        [{ poolId: pool.id, memberRole: null, priority: 0, routedBy: 'rule' }, { poolId: null, memberRole: null, priority: 0, routedBy: null }],
      ]);
      assert.equal(ids.length, 2);
      return (await sql<{ role: string }>`SELECT current_setting('session_replication_role') AS role`.execute(tx)).rows[0]!.role;
    });
    assert.equal(role, 'origin');
    const tasks = await ctx.store.db.selectFrom('tasks').select(['pool_id', 'priority']).where('project_id', '=', project.id).orderBy('id').execute();
    assert.deepEqual(tasks.map((t) => [t.pool_id === null ? null : Number(t.pool_id), t.priority]), [[pool.id, 2], [pool.id, 0], [null, 0]]);
  });

  it('skips the per-row triggers only in a transaction whose parents are all there', async () => {
    const project = await makeProject(ctx.store);
    const roleNow = (db: typeof ctx.store.db) => async () => (await sql<{ role: string }>`SELECT current_setting('session_replication_role') AS role`.execute(db)).rows[0]!.role;
    assert.equal(await ctx.store.transaction((tx) => withParentsLocked(tx, { projectId: project.id, poolIds: [null] }, roleNow(tx))), 'replica');
    assert.equal(await ctx.store.transaction((tx) => withParentsLocked(tx, { projectId: project.id, poolIds: [987_654_321] }, roleNow(tx))), 'origin');
    assert.equal(await ctx.store.transaction((tx) => withParentsLocked(tx, { projectId: 987_654_321, poolIds: [] }, roleNow(tx))), 'origin');
    assert.equal(await withParentsLocked(ctx.store.db, { projectId: project.id, poolIds: [] }, roleNow(ctx.store.db)), 'origin');
  });

  it('still refuses a task pointing at a pool that does not exist, with the foreign-key error', async () => {
    const project = await makeProject(ctx.store);
    await assert.rejects(
      ctx.store.transaction((tx) => insertItemsWithTasks(tx, project.id, [textItem('orphan')], [[{ poolId: 987_654_321, memberRole: null, priority: 0, routedBy: null }]])),
      (error: { code?: string }) => error.code === '23503',
    );
    assert.equal((await ctx.store.db.selectFrom('items').select('id').where('project_id', '=', project.id).execute()).length, 0);
  });

  it('still refuses items of a project that does not exist', async () => {
    await assert.rejects(
      ctx.store.transaction((tx) => insertItemsWithTasks(tx, 987_654_321, [textItem('nowhere')], 1)),
      (error: { code?: string }) => error.code === '23503',
    );
  });
});
