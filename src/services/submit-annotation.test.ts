/**
 * Submitting an adjudication: the expert's final label becomes the item's label and a known answer,
 * so it must say something, even under a schema whose every control is optional. And submitting to
 * a task one does not hold tells nothing of it to someone who may not open its project.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { isDomainError } from '../core/errors.ts';
import type { AnnotationResult } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Actor } from '../core/users.ts';
import { knownAnswers } from '../store/onboarding.ts';
import { findItemState, saveItemStates } from '../store/item-states.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { requeueExpiredLeases } from '../store/tasks.ts';
import { actorOf, addTextItems, makePool, makeProject, makeUser, nerSchema } from '../../test/support/fixtures.ts';
import { claimNextTask } from './claim-next-task.ts';
import { addPoolMember } from './manage-pools.ts';
import { escalateItem } from './routing/escalate-item.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { releaseHeldTask, renewHeldTask, skipHeldTask } from './task-actions.ts';
import { createWorkCache } from './work-cache.ts';
import { drainWorkflow } from './workflow/advance-workflow.ts';

const EMPTY_RESULTS: AnnotationResult[] = [{ choices: {}, regions: [] }, { choices: { sentiment: [] }, regions: [] }];

async function refusal(submit: Promise<unknown>): Promise<string> {
  try {
    await submit;
  } catch (error) {
    assert.ok(isDomainError(error), String(error));
    assert.equal(error.code, 'validation_failed');
    return error.message;
  }
  return assert.fail('the submission was accepted');
}

describeEachEngine('submitting an adjudication', (ctx) => {
  let expert: Actor;
  let annotator: Actor;

  before(async () => {
    expert = actorOf(await makeUser(ctx.store.db, 'reviewer'));
    annotator = actorOf(await makeUser(ctx.store.db, 'annotator'));
    assert.ok(nerSchema.controls.every((c) => !c.required), 'a schema of optional controls: an empty answer is valid for an annotator');
  });

  /** An item with the experts, its adjudication task claimed by the expert through `cache`. */
  async function adjudicating(cache = createWorkCache()): Promise<{ project: Project; itemId: number; taskId: number; cache: typeof cache }> {
    const project = await makeProject(ctx.store);
    const [itemId] = await addTextItems(ctx.store.db, project, 1);
    await ctx.store.transaction(async (tx) => {
      await saveItemStates(tx, [{ projectId: project.id, itemId: itemId!, stage: 'adjudication', consensus: null, method: 'weighted vote', confidence: null, agreement: 0.2, reason: 'low_agreement' }]);
      await escalateItem(tx, { actor: null, project, itemId: itemId!, reason: 'low_agreement', agreement: 0.2 });
    });
    const claimed = await claimNextTask(ctx.store.db, { actor: expert, project, stage: 'adjudicate' }, cache);
    assert.equal(claimed?.item.id, itemId);
    return { project, itemId: itemId!, taskId: claimed!.task.id, cache };
  }

  it('refuses an empty final label, claimed here or elsewhere, and the item stays with the experts', async () => {
    for (const sameServer of [true, false]) {
      const { project, itemId, taskId, cache } = await adjudicating();
      for (const result of EMPTY_RESULTS) {
        const message = await refusal(submitAnnotation(ctx.store.db, { actor: expert, taskId, result }, sameServer ? cache : createWorkCache()));
        assert.match(message, /adjudication must give the final label/);
      }
      await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
      assert.equal((await findItemState(ctx.store.db, project.id, itemId))?.stage, 'adjudication', 'not accepted');
      assert.equal((await knownAnswers(ctx.store.db, project.id, [itemId])).size, 0, 'no empty known answer');

      // The task is still the expert's: an answer goes through and settles the item.
      const answer: AnnotationResult = { choices: { sentiment: ['negative'] }, regions: [] };
      await submitAnnotation(ctx.store.db, { actor: expert, taskId, result: answer }, cache);
      await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
      const decided = await findItemState(ctx.store.db, project.id, itemId);
      assert.deepEqual([decided?.stage, decided?.method, decided?.consensus?.choices], ['accepted', 'adjudication', answer.choices]);
    }
  });

  it('refuses to correct an adjudication into an empty one', async () => {
    const { taskId, cache } = await adjudicating();
    const first = await submitAnnotation(ctx.store.db, { actor: expert, taskId, result: { choices: {}, regions: [{ kind: 'span', control: 'entities', label: 'PER', start: 0, end: 3 }] } }, cache);
    await refusal(submitAnnotation(ctx.store.db, { actor: expert, taskId, result: { choices: {}, regions: [] }, supersedes: first.annotation.id }, cache));
  });

  it('still takes an empty answer on a label task: an annotator may find nothing to label', async () => {
    const project = await makeProject(ctx.store);
    await addTextItems(ctx.store.db, project, 1);
    const cache = createWorkCache();
    const claimed = await claimNextTask(ctx.store.db, { actor: annotator, project, random: () => 0.99 }, cache);
    const stored = await submitAnnotation(ctx.store.db, { actor: annotator, taskId: claimed!.task.id, result: { choices: {}, regions: [] } }, cache);
    assert.deepEqual(stored.annotation.result, { choices: {}, regions: [] });
  });
});

/** The code and message of the refusal. */
async function refused(attempt: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await attempt;
  } catch (error) {
    assert.ok(isDomainError(error), String(error));
    return { code: error.code, message: error.message };
  }
  return assert.fail('it was accepted');
}

describeEachEngine('submitting to a task one does not hold', (ctx) => {
  const answer: AnnotationResult = { choices: { sentiment: ['positive'] }, regions: [] };

  it('is a missing task to someone who may not open its project, whatever its state; its holder is told the lease went', async () => {
    const db = ctx.store.db;
    const cache = createWorkCache();
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 4);
    const [holder, taker, colleague] = [actorOf(await makeUser(db)), actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    // A crowd worker: the project sends no work to their pool, so they may not open it.
    const manager = actorOf(await makeUser(db, 'manager'));
    const crowd = actorOf(await makeUser(db));
    const pool = await makePool(db, { kind: 'crowd', clearance: 'public' });
    await ctx.store.transaction((tx) => addPoolMember(tx, manager, pool.id, { email: crowd.user.email, role: 'annotator' }));

    const held = (await claimNextTask(db, { actor: holder, project }, cache))!.task.id;
    const done = (await claimNextTask(db, { actor: holder, project, holding: [held] }, cache))!.task.id;
    await submitAnnotation(db, { actor: holder, taskId: done, result: answer }, cache);
    const lost = (await claimNextTask(db, { actor: holder, project, holding: [held] }, cache))!.task.id;
    await sql`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = ${lost}`.execute(db);
    await requeueExpiredLeases(db);
    assert.equal((await claimNextTask(db, { actor: taker, project }, cache))?.task.id, lost, 'the expired lease went to another');
    const queued = (await db.selectFrom('tasks').select('id').where('project_id', '=', project.id).where('status', '=', 'queued').executeTakeFirstOrThrow()).id;

    const missing = await refused(submitAnnotation(db, { actor: crowd, taskId: 999_999_999, result: answer }, cache));
    assert.equal(missing.code, 'not_found');
    const asMissing = (r: { code: string; message: string }, id: number) => ({ code: r.code, message: r.message.replace(String(id), '999999999') });
    for (const [state, taskId] of [['held by another', held], ['queued', queued], ['taken after a lost lease', lost], ['done', done]] as const) {
      const submitted = await refused(submitAnnotation(db, { actor: crowd, taskId, result: answer }, cache));
      assert.deepEqual(asMissing(submitted, taskId), missing, `a task ${state} looks missing`);
    }
    for (const act of [releaseHeldTask, renewHeldTask]) assert.deepEqual(asMissing(await refused(act(db, crowd, held)), held), missing);
    assert.deepEqual(asMissing(await refused(ctx.store.transaction((tx) => skipHeldTask(tx, crowd, held, null))), held), missing);

    // The annotator whose lease ran out and went to another is told so; so is anyone who may open the
    // project (the task keeps no history of leases: they may have held it), in words true either way.
    const holderLost = await refused(submitAnnotation(db, { actor: holder, taskId: lost, result: answer }, cache));
    assert.equal(holderLost.code, 'lease_lost');
    assert.match(holderLost.message, /your draft is kept/);
    const colleagueHeld = await refused(submitAnnotation(db, { actor: colleague, taskId: held, result: answer }, cache));
    assert.deepEqual([colleagueHeld.code, colleagueHeld.message.startsWith('this task is not yours')], ['lease_lost', true]);
    assert.match((await refused(submitAnnotation(db, { actor: colleague, taskId: queued, result: answer }, cache))).message, /claim it first/);
    assert.equal((await refused(submitAnnotation(db, { actor: colleague, taskId: done, result: answer }, cache))).code, 'not_found');
    // The holder's own work goes through all along.
    assert.equal((await submitAnnotation(db, { actor: holder, taskId: held, result: answer }, cache)).replayed, false);
  });
});
