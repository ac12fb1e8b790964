import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeProject, textItem } from '../../test/support/fixtures.ts';
import { type NewItemRecord, addItemsWithTasks, insertItemsWithTasks, insertNewItemsWithTasks, listItems } from './items.ts';

/** What a stored item says of the record it was made from. */
const asStored = (r: NewItemRecord) => ({
  externalId: r.externalId,
  kind: r.kind,
  text: r.text,
  mimeType: r.mimeType,
  width: r.width,
  height: r.height,
  metadata: r.metadata,
  sensitivity: r.sensitivity,
  region: r.region,
  language: r.language,
  tags: r.tags,
  edgeCase: r.edgeCase,
  modelConfidence: r.modelConfidence ?? null,
});

describeEachEngine('a batch of new items', (ctx) => {
  it('stores every field of every record in order, whether a column varies across the batch or not', async () => {
    const project = await makeProject(ctx.store);
    const records: NewItemRecord[] = [
      textItem('first', { externalId: 'a', tags: [], metadata: { n: 1 }, region: 'eu', modelConfidence: 0.5 }),
      textItem('second', { externalId: null, tags: ['x', 'y'], metadata: {}, sensitivity: 'confidential', edgeCase: true }),
      textItem('third', { externalId: 'c', tags: ['x'], metadata: { n: [1, 'two'] }, language: null }),
    ];
    const ids = await insertItemsWithTasks(ctx.store.db, project.id, records, 1);
    assert.equal(ids.length, 3);
    const stored = await listItems(ctx.store.db, { projectId: project.id, limit: 10 });
    assert.deepEqual(stored.map((i) => i.id), ids, 'ids in the order of the records');
    assert.deepEqual(stored.map(({ id: _, projectId: __, createdAt: ___, ...rest }) => rest), records.map(asStored));
  });

  it('stores a batch in which every column is the same, and one of a single record', async () => {
    const project = await makeProject(ctx.store);
    const same = textItem('same text', { tags: ['only'], metadata: { k: 'v' } });
    assert.equal(await addItemsWithTasks(ctx.store.db, project.id, [same, same, same], 2), 3);
    const one = textItem('alone', { externalId: 'solo', tags: [] });
    assert.deepEqual((await insertNewItemsWithTasks(ctx.store.db, project.id, [one], 1)).map((r) => r.externalId), ['solo']);
    const stored = await listItems(ctx.store.db, { projectId: project.id, limit: 10 });
    assert.deepEqual(stored.map(({ id: _, projectId: __, createdAt: ___, ...rest }) => rest), [same, same, same, one].map(asStored));
    const tasks = await ctx.store.db.selectFrom('tasks').select(['item_id', 'slot']).where('project_id', '=', project.id).orderBy('item_id').orderBy('slot').execute();
    assert.deepEqual(tasks.map((t) => t.slot), [1, 2, 1, 2, 1, 2, 1], 'each item has the overlap of its batch');
    assert.deepEqual([...new Set(tasks.map((t) => t.item_id))], stored.map((i) => i.id));
  });
});
