import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addTextItems, makeProject } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { saveItemStates } from './item-states.ts';
import { itemsInStage, stageCounts } from './stage-counts.ts';

describeEachEngine('where the items of a project stand', (ctx) => {
  it('counts items per stage; the mean agreement leaves out items nobody could agree on (one annotator)', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    const ids = await addTextItems(db, project, 5);
    const state = (i: number, stage: 'review' | 'adjudication' | 'accepted', agreement: number | null) =>
      ({ projectId: project.id, itemId: ids[i]!, stage, consensus: null, method: 'weighted vote', confidence: null, agreement, reason: 'test' });
    await saveItemStates(db, [state(0, 'accepted', 1), state(1, 'accepted', null), state(2, 'accepted', null), state(3, 'review', 0.5), state(4, 'adjudication', 0.3)]);
    const counts = await stageCounts(db, project.id);
    assert.deepEqual([counts.accepted, counts.review, counts.adjudication], [3, 1, 1]);
    assert.ok(Math.abs(counts.meanAgreement! - (1 + 0.5 + 0.3) / 3) < 1e-9, `${counts.meanAgreement}`);
  });

  it('walks a stage in chunks without skipping or repeating items that entered it at the same instant', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    const ids = await addTextItems(db, project, 7);
    // One statement: every row gets the same updated_at, to the microsecond.
    await saveItemStates(db, ids.map((itemId) => ({ projectId: project.id, itemId, stage: 'adjudication' as const, consensus: null, method: 'test', confidence: null, agreement: null, reason: 'test' })));
    const walked: number[] = [];
    let after: number | null = null;
    for (;;) {
      const chunk = await itemsInStage(db, project.id, 'adjudication', 3, after);
      if (chunk.length === 0) break;
      walked.push(...chunk.map((s) => s.itemId));
      after = chunk[chunk.length - 1]!.itemId;
    }
    assert.deepEqual(walked, [...ids].sort((a, b) => a - b));
    assert.deepEqual((await itemsInStage(db, project.id, 'adjudication', 10)).map((s) => s.itemId), walked, 'one page walks the same order');
  });
});
