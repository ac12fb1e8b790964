import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult } from '../core/label-schema.ts';
import { actorOf, addTextItems, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { claimNextTask } from './claim-next-task.ts';
import { createClaimBatches } from './claim-together.ts';
import { createWorkCache } from './work-cache.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createSubmitBatches } from './submit-together.ts';

const ANNOTATORS = 32;
const ITEMS = 120;
const OVERLAP = 3;
const result: AnnotationResult = { choices: { sentiment: ['positive'] }, regions: [] };

describeEachEngine('32 concurrent annotators', (ctx) => {
  for (const together of [false, true]) {
    it(`never hold one task at once, never get one item twice, and reach the overlap exactly${together ? ' (claims and submissions batched, as the server does)' : ''}`, async () => {
      const db = ctx.store.db;
      const schemas = createWorkCache();
      const claims = together ? createClaimBatches(db) : undefined;
      const submissions = together ? createSubmitBatches(db) : undefined;
      const project = await makeProject(ctx.store, { overlap: OVERLAP });
      await addTextItems(db, project, ITEMS);
      const actors = await Promise.all(Array.from({ length: ANNOTATORS }, async () => actorOf(await makeUser(db))));

      const heldBy = new Map<number, number>();
      const itemsOf = new Map<number, Set<number>>();
      let submitted = 0;
      await Promise.all(
        actors.map(async (actor) => {
          const mine = new Set<number>();
          itemsOf.set(actor.user.id, mine);
          for (;;) {
            const claimed = await claimNextTask(db, { actor, project }, schemas, claims);
            if (!claimed) return;
            const holder = heldBy.get(claimed.task.id);
            assert.equal(holder, undefined, `task ${claimed.task.id} handed to ${actor.user.id} while ${holder} holds it`);
            assert.ok(!mine.has(claimed.item.id), `item ${claimed.item.id} handed twice to ${actor.user.id}`);
            heldBy.set(claimed.task.id, actor.user.id);
            mine.add(claimed.item.id);
            // Let the others run between claim and submit, as real annotators would.
            await new Promise((r) => setImmediate(r));
            await submitAnnotation(db, { actor, taskId: claimed.task.id, result }, schemas, submissions);
            heldBy.delete(claimed.task.id);
            submitted++;
          }
        }),
      );

      assert.equal(submitted, ITEMS * OVERLAP);
      const perItem = await db
        .selectFrom('annotations')
        .select(['item_id', (eb) => eb.fn.count<number>('annotator_id').distinct().as('annotators'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('project_id', '=', project.id)
        .groupBy('item_id')
        .execute();
      assert.equal(perItem.length, ITEMS);
      for (const row of perItem) {
        assert.equal(Number(row.n), OVERLAP, `item ${row.item_id} has ${row.n} annotations`);
        assert.equal(Number(row.annotators), OVERLAP, `item ${row.item_id} has a repeated annotator`);
      }
      const open = await db.selectFrom('tasks').select('id').where('project_id', '=', project.id).where('status', '!=', 'done').execute();
      assert.equal(open.length, 0);
      if (together) {
        assert.ok(claims!.batches > 0 && claims!.batched > claims!.batches, `claims went together (${claims!.batched} in ${claims!.batches} batches)`);
        assert.ok(submissions!.batches > 0, 'submissions went together');
      }
    });
  }
});
