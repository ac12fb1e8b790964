import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makePool, makeProject, makeUser, textItem } from '../../test/support/fixtures.ts';
import { insertAnnotation } from './annotations.ts';
import { insertItemsWithTasks } from './items.ts';
import { memberOutput, removeMember, upsertMember } from './pools.ts';
import { insertReview } from './reviews.ts';

describeEachEngine('what a pool made in the last days', (ctx) => {
  it('counts the work done in the pool by whoever did it, members past and present, not what its members did elsewhere', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 1 });
    const [acme, crowd, house] = [await makePool(db, { kind: 'vendor' }), await makePool(db, { kind: 'crowd' }), await makePool(db, { kind: 'in_house' })];
    const slot = (poolId: number) => [{ poolId, memberRole: null, priority: 0, routedBy: null }];
    // Items 0–2 routed to the crowd, 3–7 to the vendor.
    const pools = [crowd, crowd, crowd, acme, acme, acme, acme, acme];
    const items = await insertItemsWithTasks(db, project.id, pools.map((_, i) => textItem(`Sentence ${i}.`)), pools.map((p) => slot(p.id)));
    const tasks = await db.selectFrom('tasks').select(['id', 'item_id']).where('project_id', '=', project.id).execute();
    const taskOf = (i: number) => tasks.find((t) => t.item_id === items[i])!.id;
    const answer = (i: number, annotatorId: number, supersedesId: number | null = null) =>
      insertAnnotation(db, {
        projectId: project.id, itemId: items[i]!, taskId: taskOf(i), annotatorId, source: 'human', schemaVersion: 1, guidelinesVersion: 1,
        result: { choices: { sentiment: ['positive'] }, regions: [] }, timeSpentMs: 60_000, supersedesId,
      });
    const [chris, vikram, ines, riley] = [await makeUser(db), await makeUser(db), await makeUser(db), await makeUser(db, 'reviewer')];
    await upsertMember(db, crowd.id, chris.id, 'annotator');
    await upsertMember(db, acme.id, vikram.id, 'annotator');
    await upsertMember(db, house.id, riley.id, 'reviewer');

    // Chris works for the crowd, then joins the vendor too and works for it.
    await answer(0, chris.id);
    await answer(1, chris.id);
    await upsertMember(db, acme.id, chris.id, 'annotator');
    await answer(3, chris.id);
    // Vikram works for the vendor, then leaves it; what he made there stays the vendor's.
    const vikrams = await answer(4, vikram.id);
    await answer(5, vikram.id);
    await removeMember(db, acme.id, vikram.id);
    // An in-house reviewer corrects Vikram's first answer: the correction is the reviewer's pool's work.
    const correction = await answer(4, riley.id, vikrams.id);
    await insertReview(db, { projectId: project.id, itemId: items[4]!, annotationId: vikrams.id, annotatorId: vikram.id, reviewerId: riley.id, decision: 'correct', comment: null, correctedAnnotationId: correction.id });
    // A label imported for the vendor's pool, made by Ines, who is no member; and one made eight days ago.
    const imported = (i: number, annotatorId: number, daysAgo: number, source: 'import' | 'human', taskId: number | null) => sql`
      INSERT INTO annotations (project_id, item_id, task_id, annotator_id, source, schema_version, guidelines_version, result, time_spent_ms, pool_id, created_at)
      VALUES (${project.id}, ${items[i]}, ${taskId}, ${annotatorId}, ${source}, 1, 1, ${JSON.stringify({ choices: { sentiment: ['negative'] }, regions: [] })}::jsonb, NULL,
              ${taskId === null ? acme.id : null}, now() - make_interval(days => ${daysAgo}))`.execute(db);
    await imported(6, ines.id, 1, 'import', null);
    await imported(7, vikram.id, 8, 'human', taskOf(7));

    const made = async (poolId: number) => Object.fromEntries((await memberOutput(db, poolId, 7)).map((o) => [o.name, [o.annotations, o.activeMs]]));
    assert.deepEqual(await made(acme.id), { [chris.name]: [1, 60_000], [vikram.name]: [2, 120_000], [ines.name]: [1, 0] });
    assert.deepEqual(await made(crowd.id), { [chris.name]: [2, 120_000] });
    assert.deepEqual(await made(house.id), { [riley.name]: [1, 60_000] });
  });
});
