import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult } from '../core/label-schema.ts';
import { actorOf, addTextItems, makePool, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { claimNextTask } from './claim-next-task.ts';
import { createClaimBatches } from './claim-together.ts';
import { createWorkCache } from './work-cache.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createSubmitBatches } from './submit-together.ts';
import { addPoolMember } from './manage-pools.ts';
import type { Actor } from '../core/users.ts';
import type { Db, Store } from '../store/database.ts';

/** Two vendor pools, each with half of the annotators and half of the items' tasks: 0 or 1 per user. */
async function splitIntoTwoPools(db: Db, store: Store, projectId: number, itemIds: number[], actors: Actor[]): Promise<Map<number, number>> {
  const manager = actorOf(await makeUser(db, 'manager'));
  const pools = [await makePool(db), await makePool(db)];
  for (const k of [0, 1]) {
    const ids = itemIds.filter((_, i) => i % 2 === k);
    await db.updateTable('tasks').set({ pool_id: pools[k]!.id }).where('project_id', '=', projectId).where('item_id', 'in', ids).execute();
  }
  const poolOf = new Map<number, number>();
  for (const [i, actor] of actors.entries()) {
    await store.transaction((tx) => addPoolMember(tx, manager, pools[i % 2]!.id, { email: actor.user.email, role: 'annotator' }));
    poolOf.set(actor.user.id, i % 2);
  }
  return poolOf;
}

const ANNOTATORS = 32;
const ITEMS = 120;
const OVERLAP = 3;
const result: AnnotationResult = { choices: { sentiment: ['positive'] }, regions: [] };

describeEachEngine('32 concurrent annotators', (ctx) => {
  const runs = [
    { together: false, pools: false, title: '' },
    { together: true, pools: false, title: ' (claims and submissions batched, as the server does)' },
    { together: true, pools: true, title: ' (batched, half of them in one vendor pool and half in another, each pool with its own work)' },
  ];
  for (const { together, pools, title } of runs) {
    it(`never hold one task at once, never get one item twice, and reach the overlap exactly${title}`, async () => {
      const db = ctx.store.db;
      const schemas = createWorkCache();
      // On the connections the server gives its claim batches (on PostgreSQL: generic plans only).
      const claims = together ? createClaimBatches(ctx.store.queueDb) : undefined;
      const submissions = together ? createSubmitBatches(db) : undefined;
      const project = await makeProject(ctx.store, { overlap: OVERLAP });
      const itemIds = await addTextItems(db, project, ITEMS);
      const actors = await Promise.all(Array.from({ length: ANNOTATORS }, async () => actorOf(await makeUser(db))));
      // With pools: items of even position are pool A's work, the others pool B's.
      const poolOfActor = pools ? await splitIntoTwoPools(db, ctx.store, project.id, itemIds, actors) : null;
      const poolOfItem = new Map(itemIds.map((id, i) => [id, i % 2]));

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
            if (poolOfActor) assert.equal(poolOfItem.get(claimed.item.id), poolOfActor.get(actor.user.id), `item ${claimed.item.id} handed outside its pool`);
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
