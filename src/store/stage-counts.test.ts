import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addTextItems, makeProject } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { saveItemStates, stageCounts } from './workflow.ts';

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
});
