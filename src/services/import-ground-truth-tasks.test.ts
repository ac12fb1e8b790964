import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { findItemState } from '../store/item-states.ts';
import { actorOf, addTextItems, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { claimNextTask } from './claim-next-task.ts';
import { importAnnotations } from './import-annotations.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createWorkCache } from './work-cache.ts';
import { drainWorkflow } from './workflow/advance-workflow.ts';

const span = (label: string) => ({ choices: {}, regions: [{ control: 'entities', kind: 'span' as const, label, start: 0, end: 12 }] });

describeEachEngine('ground truth imported onto existing items', (ctx) => {
  const cache = createWorkCache();
  let scratch: Scratch;
  before(async () => {
    scratch = await makeScratch();
  });
  after(() => scratch.remove());

  it('closes their queued label tasks; a task held meanwhile is finished without replacing the reviewed label', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'text', overlap: 2 });
    // The items came in first, as items: their label tasks are queued.
    const [heldId, quietId] = await addTextItems(db, project, 2);
    const holder = actorOf(await makeUser(db, 'annotator'));
    const held = await claimNextTask(db, { actor: holder, project }, cache);
    assert.equal(held?.item.id, heldId);

    const file = scratch.path(`ground-truth-${project.id}.jsonl`);
    await writeFile(file, [0, 1].map((i) => JSON.stringify({
      item: { externalId: `t-${i}`, kind: 'text', text: `Ada Lovelace met Charles Babbage in London, text ${i}.` },
      annotations: [{ id: 1, source: 'human', result: span('PER'), createdAt: '2024-05-01T10:00:00Z', review: { decision: 'accept', reviewerId: 4, comment: null } }],
    })).join('\n'));
    const report = await importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    assert.deepEqual([report.itemsCreated, report.itemsMatched], [0, 2]);
    const stateOf = async (itemId: number) => {
      const state = await findItemState(db, project.id, itemId);
      return state && { stage: state.stage, reason: state.reason, method: state.method, labels: state.consensus?.regions.map((r) => r.label) };
    };
    const imported = { stage: 'accepted', reason: 'accepted in review', method: 'import', labels: ['PER'] };
    assert.deepEqual(await stateOf(quietId!), imported);
    const statuses = async (itemId: number) =>
      (await db.selectFrom('tasks').select('status').where('item_id', '=', itemId).where('stage', '=', 'label').orderBy('id').execute()).map((t) => t.status).sort();
    assert.deepEqual(await statuses(quietId!), ['done', 'done'], 'the labels arrived: nobody is to label it again');
    assert.deepEqual(await statuses(heldId!), ['done', 'leased'], 'the task someone holds is left to finish');

    const other = actorOf(await makeUser(db, 'annotator'));
    assert.equal(await claimNextTask(db, { actor: other, project }, cache), null, 'no label task of the imported items is handed out');

    // The holder answers differently; nobody reviews it: the reviewed label stands.
    await submitAnnotation(db, { actor: holder, taskId: held!.task.id, result: span('LOC') }, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    assert.deepEqual(await statuses(heldId!), ['done', 'done']);
    assert.deepEqual(await stateOf(heldId!), imported);
  });
});
