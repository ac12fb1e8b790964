import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { sql } from 'kysely';
import { addTextItems, makePool, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { upsertMember } from './pools.ts';

const repair = readFileSync(join(import.meta.dirname, 'migrations', '0025_unstick_adjudications.sql'), 'utf8');

describeEachEngine('migration 0025: adjudications stuck in pools without experts', (ctx) => {
  it('hands back to in-house staff the adjudications of pools with no active expert, and leaves the others', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    const [a, b, c] = await addTextItems(db, project, 3);
    const crowd = await makePool(db, { kind: 'crowd' });
    const experts = await makePool(db, { kind: 'in_house' });
    const pausedOnly = await makePool(db, { kind: 'vendor' });
    await upsertMember(db, experts.id, (await makeUser(db)).id, 'expert');
    await upsertMember(db, pausedOnly.id, (await makeUser(db)).id, 'expert');
    await sql`UPDATE pool_members SET paused_at = now() WHERE pool_id = ${pausedOnly.id}`.execute(db);
    const adjudication = async (itemId: number, poolId: number) =>
      (await sql<{ id: number }>`
        INSERT INTO tasks (project_id, item_id, stage, slot, status, priority, pool_id, member_role, routed_by)
        VALUES (${project.id}, ${itemId}, 'adjudicate', 0, 'queued', 0, ${poolId}, 'expert', 'escalation') RETURNING id`.execute(db)).rows[0]!.id;
    const stuck = await adjudication(a!, crowd.id);
    const fine = await adjudication(b!, experts.id);
    const waiting = await adjudication(c!, pausedOnly.id);
    await sql.raw(repair).execute(db);
    const rows = await sql<{ id: number; pool_id: number | null; member_role: string | null }>`
      SELECT id, pool_id, member_role FROM tasks WHERE id IN (${stuck}, ${fine}, ${waiting}) ORDER BY id`.execute(db);
    assert.deepEqual(rows.rows.map((r) => [r.id, r.pool_id === null ? null : Number(r.pool_id), r.member_role]), [
      [stuck, null, null],
      [fine, experts.id, 'expert'],
      [waiting, null, null],
    ]);
  });
});
