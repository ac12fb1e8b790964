import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addTextItems, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { insertAnnotation } from './annotations.ts';
import { newWork, settledHorizon } from './workflow.ts';

describeEachEngine('the workflow engine’s reading of new work', (ctx) => {
  it('with no settling time, reads an annotation made in the same clock tick (PGlite’s now() is in whole milliseconds)', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    const [itemId] = await addTextItems(db, project, 1);
    const task = await db.selectFrom('tasks').select('id').where('item_id', '=', itemId!).executeTakeFirstOrThrow();
    const annotator = await makeUser(db);
    await ctx.store.transaction(async (tx) => {
      // Inside one transaction the row's created_at is exactly now(): the tick a drain can start in.
      const a = await insertAnnotation(tx, {
        projectId: project.id, itemId: itemId!, taskId: task.id, annotatorId: annotator.id, source: 'human', modelName: null, modelVersion: null,
        confidence: null, schemaVersion: 1, guidelinesVersion: 1, result: { choices: {}, regions: [] }, timeSpentMs: null, supersedesId: null,
      });
      const work = await newWork(tx, a.id - 1, 10, 0);
      assert.deepEqual(work.map((w) => w.annotationId), [a.id]);
      assert.equal(await settledHorizon(tx, a.id - 1, 0), a.id);
      assert.deepEqual(await newWork(tx, a.id - 1, 10, 60), [], 'a minute of settling leaves it for later');
    });
  });
});
