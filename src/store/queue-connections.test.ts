import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../test/support/databases.ts';

describeEachEngine('the connections of the claim batches', (ctx) => {
  it('run generic plans on PostgreSQL, and are the one connection on PGlite', async () => {
    const show = async (db: typeof ctx.store.db) => (await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(db)).rows[0]!.plan_cache_mode;
    if (ctx.store.engine === 'postgres') {
      assert.equal(await show(ctx.store.queueDb), 'force_generic_plan');
      assert.equal(await show(ctx.store.db), 'auto', 'every other statement is planned as PostgreSQL sees fit');
    } else {
      assert.equal(ctx.store.queueDb, ctx.store.db);
    }
  });
});
