import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { findItemsByExternalIds } from '../store/jobs-import-writes.ts';
import { setProjectPools } from '../store/pools.ts';
import { findItemState } from '../store/item-states.ts';
import { actorOf, addTextItems, makePool, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { claimNextTask } from './claim-next-task.ts';
import { checkExportFilters, planExport, writeExport } from './export-project.ts';
import { importAnnotations } from './import-annotations.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createWorkCache } from './work-cache.ts';
import { drainWorkflow } from './workflow/advance-workflow.ts';

const span = (label: string) => ({ choices: {}, regions: [{ control: 'entities', kind: 'span' as const, label, start: 0, end: 12 }] });

describeEachEngine('export status filters', (ctx) => {
  const cache = createWorkCache();
  let scratch: Scratch;
  before(async () => {
    scratch = await makeScratch();
  });
  after(() => scratch.remove());

  it('follow the workflow stage, whether the item was labelled here, by consensus, or imported', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { kind: 'text' });
    const crowd = await makePool(db, { kind: 'crowd' });
    await setProjectPools(db, project.id, [crowd.id]);
    // Labelled here, accepted by consensus (staff work is not sampled by default), nobody reviewing it.
    const [hereId] = await addTextItems(db, project, 1);
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const claimed = await claimNextTask(db, { actor: annotator, project }, cache);
    await submitAnnotation(db, { actor: annotator, taskId: claimed!.task.id, result: span('PER') }, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    assert.equal((await findItemState(db, project.id, hereId!))?.reason, 'consensus');

    const text = 'Ada Lovelace met Charles Babbage in London.';
    const line = (id: string, annotations: unknown[]) => JSON.stringify({ item: { externalId: id, kind: 'text', text: `${text} ${id}` }, annotations });
    const file = scratch.path(`status-${project.id}.jsonl`);
    await writeFile(file, [
      line('imported', [{ id: 1, source: 'human', result: span('PER'), createdAt: '2024-05-01T10:00:00Z' }]),
      line('sampled', [{ id: 1, source: 'human', pool: { id: 9, key: crowd.key, kind: 'crowd' }, result: span('PER'), createdAt: '2024-05-01T10:00:00Z' }]),
      line('predicted', [{ id: 1, source: 'model', model: { name: 'ner', version: '1' }, result: span('PER'), createdAt: '2024-05-01T10:00:00Z' }]),
    ].join('\n'));
    await importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    const items = await findItemsByExternalIds(db, project.id, ['imported', 'sampled']);
    assert.deepEqual([(await findItemState(db, project.id, items.get('imported')!.id))?.stage, (await findItemState(db, project.id, items.get('sampled')!.id))?.stage], ['accepted', 'review']);

    const pick = async (status: 'accepted' | 'complete' | 'annotated') => {
      const plan = await planExport(db, project, { format: 'jsonl', selection: 'all', filters: checkExportFilters({ status }) });
      const path = scratch.path(`status-${project.id}-${status}.jsonl`);
      await writeExport({ db, files: scratch.files }, plan, path);
      return (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l).item.externalId as string);
    };
    assert.deepEqual(await pick('accepted'), ['t-0', 'imported'], 'accepted by the workflow, reviewed or not');
    assert.deepEqual(await pick('complete'), ['t-0', 'imported', 'sampled'], 'the label work is in; a prediction leaves it to do');
    assert.deepEqual(await pick('annotated'), ['t-0', 'imported', 'sampled']);
  });
});
