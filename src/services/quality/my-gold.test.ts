import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult } from '../../core/label-schema.ts';
import { insertGoldResult } from '../../store/gold-results.ts';
import { actorOf, addTextItems, makeProject, makeUser } from '../../../test/support/fixtures.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWorkCache } from '../work-cache.ts';
import { goldFeedbackCutoff, myGold } from './my-gold.ts';

const positive: AnnotationResult = { choices: { sentiment: ['positive'] }, regions: [] };

it('counts an answer from the next UTC day on', () => {
  assert.equal(goldFeedbackCutoff(new Date('2026-11-30T23:59:59.999Z')).toISOString(), '2026-11-30T00:00:00.000Z');
  assert.equal(goldFeedbackCutoff(new Date('2026-12-01T00:00:00.000Z')).toISOString(), '2026-12-01T00:00:00.000Z');
});

describeEachEngine('an annotator’s own gold accuracy', (ctx) => {
  it('counts the checks of the days before today only, so that none moves the figures after an answer', async () => {
    const db = ctx.store.db;
    const cache = createWorkCache();
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 4);
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const answered = [];
    for (let i = 0; i < 4; i++) {
      const claimed = (await claimNextTask(db, { actor: annotator, project }, cache))!;
      answered.push((await submitAnnotation(db, { actor: annotator, taskId: claimed.task.id, result: positive }, cache)).annotation);
    }
    const now = new Date('2026-11-30T15:00:00Z');
    // Two checks last week (one passed), one yesterday (passed), one this morning (failed).
    const at = ['2026-11-24T10:00:00Z', '2026-11-25T10:00:00Z', '2026-11-29T23:30:00Z', '2026-11-30T08:00:00Z'];
    for (const [i, a] of answered.entries()) {
      const passed = i !== 1 && i !== 3;
      await insertGoldResult(db, { projectId: project.id, itemId: a.itemId, annotationId: a.id, annotatorId: annotator.user.id, poolId: null, score: passed ? 1 : 0, passed, answeredAt: new Date(at[i]!) });
    }
    const [mine, ...others] = await myGold(db, { actor: annotator, now });
    assert.equal(others.length, 0);
    assert.deepEqual([mine!.projectId, mine!.answered, mine!.passed], [project.id, 3, 2], 'this morning’s check is not counted yet');
    assert.deepEqual(mine!.byWeek, [{ week: '2026-11-23', answered: 3, accuracy: 2 / 3 }]);
    assert.ok(mine!.low < 2 / 3 && mine!.high > 2 / 3);

    const tomorrow = await myGold(db, { actor: annotator, now: new Date('2026-12-01T00:00:01Z') });
    assert.deepEqual([tomorrow[0]!.answered, tomorrow[0]!.passed], [4, 2]);
    assert.deepEqual(tomorrow[0]!.byWeek.map((w) => [w.week, w.answered]), [['2026-11-23', 3], ['2026-11-30', 1]]);

    const someoneElse = actorOf(await makeUser(db, 'annotator'));
    assert.deepEqual(await myGold(db, { actor: someoneElse, now }), []);
  });
});
