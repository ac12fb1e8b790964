import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isDomainError } from '../core/errors.ts';
import type { AnnotationResult } from '../core/label-schema.ts';
import { listItemAnnotations } from '../store/annotations.ts';
import { requeueExpiredLeases } from '../store/tasks.ts';
import { actorOf, addTextItems, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { claimNextTask } from './claim-next-task.ts';
import { createWorkCache } from './work-cache.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { releaseHeldTask, skipHeldTask } from './task-actions.ts';

const person: AnnotationResult = {
  choices: { sentiment: ['positive'] },
  regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 12, text: 'Ada Lovelace' }],
};

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error) => isDomainError(error) && error.code === code);
}

describeEachEngine('the annotation loop', (ctx) => {
  const schemas = createWorkCache();

  it('claims, submits and reaches the overlap with different annotators', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    await addTextItems(db, project, 2);
    const [a, b, c] = [actorOf(await makeUser(db)), actorOf(await makeUser(db)), actorOf(await makeUser(db))];

    const seen = new Map<number, Set<number>>();
    for (const actor of [a, b, a, b]) {
      const claimed = await claimNextTask(db, { actor, project }, schemas);
      assert.ok(claimed, 'a task is left');
      const mine = seen.get(actor.user.id) ?? new Set();
      assert.ok(!mine.has(claimed.item.id), 'nobody gets the same item twice');
      mine.add(claimed.item.id);
      seen.set(actor.user.id, mine);
      const { annotation } = await submitAnnotation(db, { actor, taskId: claimed.task.id, result: person, timeSpentMs: 1200 }, schemas);
      assert.equal(annotation.annotatorId, actor.user.id);
      assert.equal(annotation.timeSpentMs, 1200);
      assert.equal(annotation.schemaVersion, 1);
    }
    assert.equal(await claimNextTask(db, { actor: a, project }), null, 'a has done every item');
    assert.equal(await claimNextTask(db, { actor: c, project }), null, 'overlap 2 is reached for every item');
  });

  it('refuses an invalid result with the field at fault and keeps the task', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 1);
    const actor = actorOf(await makeUser(db));
    const claimed = (await claimNextTask(db, { actor, project }, schemas))!;
    await assert.rejects(
      submitAnnotation(db, { actor, taskId: claimed.task.id, result: { choices: {}, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 999 }] } }, schemas),
      (error) => isDomainError(error) && error.code === 'validation_failed' && JSON.stringify(error.details).includes('regions[0].end'),
    );
    const again = await claimNextTask(db, { actor, project }, schemas);
    assert.equal(again?.task.id, claimed.task.id, 'the lease is still the annotator’s');
  });

  it('resumes a held lease, gives another task besides it when asked, and releases', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 3);
    const actor = actorOf(await makeUser(db));
    const first = (await claimNextTask(db, { actor, project }, schemas))!;
    assert.equal((await claimNextTask(db, { actor, project }, schemas))!.task.id, first.task.id);
    const second = (await claimNextTask(db, { actor, project, holding: [first.task.id] }))!;
    assert.notEqual(second.task.id, first.task.id);
    await releaseHeldTask(db, actor, second.task.id);
    await expectCode(submitAnnotation(db, { actor, taskId: second.task.id, result: person }, schemas), 'lease_lost');
  });

  it('never offers a skipped item again', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 1);
    const actor = actorOf(await makeUser(db));
    const other = actorOf(await makeUser(db));
    const claimed = (await claimNextTask(db, { actor, project }, schemas))!;
    await ctx.store.transaction((tx) => skipHeldTask(tx, actor, claimed.task.id, 'unreadable'));
    assert.equal(await claimNextTask(db, { actor, project }, schemas), null);
    assert.equal((await claimNextTask(db, { actor: other, project }))?.item.id, claimed.item.id);
  });

  it('stores a correction as a new annotation, and a repeated submission once', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 1);
    const actor = actorOf(await makeUser(db));
    const claimed = (await claimNextTask(db, { actor, project }, schemas))!;
    const first = await submitAnnotation(db, { actor, taskId: claimed.task.id, result: person, clientToken: 'k1' }, schemas);
    const repeat = await submitAnnotation(db, { actor, taskId: claimed.task.id, result: person, clientToken: 'k1' }, schemas);
    assert.equal(repeat.replayed, true);
    assert.equal(repeat.annotation.id, first.annotation.id);
    // A second tab of the same draft carries its token with another answer: refused, not dropped as a retry.
    await expectCode(submitAnnotation(db, { actor, taskId: claimed.task.id, result: { ...person, choices: { sentiment: ['negative'] } }, clientToken: 'k1' }, schemas), 'conflict');
    await expectCode(submitAnnotation(db, { actor, taskId: claimed.task.id, result: person }, schemas), 'conflict');
    const fixed = await submitAnnotation(
      db,
      { actor, taskId: claimed.task.id, result: { ...person, choices: { sentiment: ['negative'] } }, supersedes: first.annotation.id },
      schemas,
    );
    assert.equal(fixed.annotation.supersedesId, first.annotation.id);
    const history = await listItemAnnotations(db, project.id, claimed.item.id);
    assert.deepEqual(history.map((h) => h.id), [first.annotation.id, fixed.annotation.id]);
    await assert.rejects(ctx.store.db.updateTable('annotations').set({ time_spent_ms: 1 }).where('id', '=', first.annotation.id).execute(), /immutable/);
  });

  it('puts an expired lease back in the queue, still submittable by its holder until taken', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { leaseSeconds: 1 });
    await addTextItems(db, project, 1);
    const [a, b] = [actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    const claimed = (await claimNextTask(db, { actor: a, project }))!;
    assert.equal(await claimNextTask(db, { actor: b, project }), null);
    await new Promise((r) => setTimeout(r, 1100));
    assert.ok((await requeueExpiredLeases(db)) >= 1);
    const taken = await claimNextTask(db, { actor: b, project });
    assert.equal(taken?.task.id, claimed.task.id, 'the expired task came back');
    await expectCode(submitAnnotation(db, { actor: a, taskId: claimed.task.id, result: person }, schemas), 'lease_lost');
    await submitAnnotation(db, { actor: b, taskId: claimed.task.id, result: person }, schemas);
  });
});
