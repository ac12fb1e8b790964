import assert from 'node:assert/strict';
import { it, test } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { tableActivity } from '../../store/maintenance.ts';
import { needsOwnVacuum, tablesToVacuum, vacuumWhereNeeded } from './embedded-vacuum.ts';

const table = (t: string, liveRows: number, deadRows: number, changedSinceAnalyze: number) => ({ schema: 'public', table: t, liveRows, deadRows, changedSinceAnalyze });

test('vacuums by the autovacuum rule: dead rows past 50 + 20% of the live ones, changes past 50 + 10%', () => {
  assert.deepEqual(
    tablesToVacuum([table('tasks', 1000, 251, 0), table('items', 1000, 250, 0), table('annotations', 1000, 0, 151), table('users', 1000, 0, 150), table('small', 0, 51, 51)]),
    [
      { schema: 'public', table: 'tasks', analyze: false },
      { schema: 'public', table: 'annotations', analyze: true },
      { schema: 'public', table: 'small', analyze: true },
    ],
  );
});

describeEachEngine('embedded vacuum', (ctx) => {
  it('finds the table that updates left full of dead rows and vacuums it', async () => {
    const db = ctx.store.db;
    // No autovacuum on this table even on a server, so that only the round under test cleans it.
    await sql`CREATE TABLE churn (id int PRIMARY KEY, n int NOT NULL) WITH (autovacuum_enabled = false)`.execute(db);
    await sql`INSERT INTO churn SELECT g, 0 FROM generate_series(1, 1000) g`.execute(db);
    for (let i = 0; i < 3; i++) await sql`UPDATE churn SET n = n + 1`.execute(db);
    const before = (await tableActivity(db)).find((t) => t.table === 'churn')!;
    assert.ok(before.deadRows >= 2000, `dead rows before: ${before.deadRows}`);

    const round = await vacuumWhereNeeded(db);
    assert.ok(round.vacuumed.some((v) => v.table === 'public.churn'), JSON.stringify(round));
    const after = (await tableActivity(db)).find((t) => t.table === 'churn')!;
    assert.equal(after.deadRows, 0);
    assert.equal(after.liveRows, 1000);
    assert.ok(!(await vacuumWhereNeeded(db)).vacuumed.some((v) => v.table === 'public.churn'), 'nothing left to do');
  });
});

describeEachEngine('whether Atelier vacuums its own tables', (ctx) => {
  it('always on PGlite; on a server, exactly when its autovacuum is off', async () => {
    const setting = await sql<{ autovacuum: string }>`SHOW autovacuum`.execute(ctx.store.db);
    const expected = ctx.engine === 'pglite' || setting.rows[0]!.autovacuum !== 'on';
    assert.equal(await needsOwnVacuum(ctx.engine, ctx.store.db), expected);
  });
});
