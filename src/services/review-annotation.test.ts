import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isDomainError } from '../core/errors.ts';
import type { AnnotationResult } from '../core/label-schema.ts';
import { listItemAnnotations } from '../store/annotations.ts';
import { qaPolicyOf } from '../core/quality/qa-policy.ts';
import { listReviewQueue, listReviewsOfAnnotator } from '../store/reviews.ts';
import { findItemState } from '../store/item-states.ts';
import { stageCounts } from '../store/stage-counts.ts';
import { saveQaPolicy } from '../store/workflow.ts';
import { actorOf, addTextItems, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { claimNextTask } from './claim-next-task.ts';
import { reviewAnnotation } from './review-annotation.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { drainWorkflow } from './workflow/advance-workflow.ts';
import { createWorkCache } from './work-cache.ts';

const positive: AnnotationResult = { choices: { sentiment: ['positive'] }, regions: [] };
const negative: AnnotationResult = { choices: { sentiment: ['negative'] }, regions: [] };

describeEachEngine('reviewing annotations', (ctx) => {
  const cache = createWorkCache();

  async function annotated() {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    // Everything labelled goes to review.
    await saveQaPolicy(db, project.id, qaPolicyOf({ reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, agreementThreshold: null }));
    await addTextItems(db, project, 1);
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    const claimed = (await claimNextTask(db, { actor: annotator, project }, cache))!;
    const { annotation } = await submitAnnotation(db, { actor: annotator, taskId: claimed.task.id, result: positive }, cache);
    assert.deepEqual(await listReviewQueue(db, project.id, 10), [], 'not settled yet: its consensus decides whether it is reviewed');
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    return { project, annotator, reviewer, claimed, annotation };
  }

  it('sends rejected work to the experts when the policy says so: stage, reason and one adjudication task', async () => {
    const db = ctx.store.db;
    const { project, reviewer, claimed, annotation } = await annotated();
    await saveQaPolicy(db, project.id, qaPolicyOf({ reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, agreementThreshold: null, onReject: 'adjudicate' }));
    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'reject', comment: 'not positive' }, createWorkCache()));
    const state = await findItemState(db, project.id, claimed.item.id);
    assert.deepEqual([state?.stage, state?.reason], ['adjudication', 'review_rejected']);
    const tasks = await db.selectFrom('tasks').select(['stage', 'status']).where('item_id', '=', claimed.item.id).where('stage', 'in', ['adjudicate', 'review']).execute();
    assert.deepEqual(tasks.filter((t) => t.stage === 'adjudicate').map((t) => t.status), ['queued'], 'one adjudication task for the experts');
    assert.ok(tasks.filter((t) => t.stage === 'review').every((t) => t.status !== 'queued' && t.status !== 'leased'), 'the review is over');
  });

  it('rejects with a comment: the annotator sees it, the task comes back, the redo replaces the rejected work', async () => {
    const db = ctx.store.db;
    const { project, annotator, reviewer, claimed, annotation } = await annotated();
    assert.deepEqual((await listReviewQueue(db, project.id, 10)).map((q) => q.itemId), [claimed.item.id], 'the workflow sent the item to review');
    const inReview = async () => {
      const counts = await stageCounts(db, project.id, { splitReview: true });
      return { review: counts.review, reviewWaiting: counts.reviewWaiting };
    };
    assert.deepEqual(await inReview(), { review: 1, reviewWaiting: 1 }, 'in review, and waiting for a reviewer');
    await assert.rejects(
      ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'reject' }, cache)),
      (e) => isDomainError(e) && e.code === 'validation_failed',
      'a rejection needs a comment',
    );
    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'reject', comment: 'Ada is a person, not a place' }, cache));
    const feedback = await listReviewsOfAnnotator(db, annotator.user.id, 10);
    assert.equal(feedback[0]?.comment, 'Ada is a person, not a place');
    assert.equal(feedback[0]?.reviewerName, reviewer.user.name);
    assert.deepEqual(await listReviewQueue(db, project.id, 10), [], 'reviewed work leaves the queue');
    assert.deepEqual(await inReview(), { review: 1, reviewWaiting: 0 }, 'still in review, waiting for rework, not for a reviewer');

    const again = await claimNextTask(db, { actor: annotator, project }, cache);
    assert.equal(again?.task.id, claimed.task.id, 'the rejected task is back in the queue');
    const redo = await submitAnnotation(db, { actor: annotator, taskId: again!.task.id, result: negative }, cache);
    assert.equal(redo.annotation.supersedesId, annotation.id);
    assert.deepEqual((await listReviewQueue(db, project.id, 10)).map((q) => q.annotations.map((a) => a.id)), [[redo.annotation.id]]);
    assert.deepEqual(await inReview(), { review: 1, reviewWaiting: 1 }, 'the redo waits for a reviewer');
  });

  it('decides once: a second decision on the annotation is refused, naming the first, and leaves the item where the first sent it', async () => {
    const db = ctx.store.db;
    const { project, annotator, reviewer, claimed, annotation } = await annotated();
    const review = (actor: typeof reviewer, decision: 'accept' | 'reject', comment?: string) =>
      ctx.store.transaction((tx) => reviewAnnotation(tx, { actor, annotationId: annotation.id, decision, comment }, cache));
    const first = await review(reviewer, 'accept');
    assert.deepEqual([(await findItemState(db, project.id, claimed.item.id))?.stage], ['accepted']);
    const other = actorOf(await makeUser(db, 'reviewer'));
    for (const [actor, decision, comment] of [[reviewer, 'accept'], [reviewer, 'reject', 'on second thought'], [other, 'reject', 'I disagree']] as const) {
      await assert.rejects(review(actor, decision, comment), (e) => {
        assert.ok(isDomainError(e) && e.code === 'conflict', `${decision}: ${String(e)}`);
        assert.match(e.message, new RegExp(`already reviewed: accepted by ${reviewer.user.name}`));
        assert.deepEqual(e.details, { reviewId: first.id, decision: 'accept', reviewerId: reviewer.user.id });
        return true;
      });
    }
    assert.equal((await db.selectFrom('reviews').select('id').where('annotation_id', '=', annotation.id).execute()).length, 1, 'one review, counted once as review work');
    const state = await findItemState(db, project.id, claimed.item.id);
    assert.deepEqual([state?.stage, state?.reason], ['accepted', 'accepted in review']);
    assert.equal(await claimNextTask(db, { actor: annotator, project }, cache), null, 'no rework for an accepted item');
  });

  it('reviews a rework afresh, but not the rejected work again', async () => {
    const db = ctx.store.db;
    const { project, annotator, reviewer, annotation } = await annotated();
    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'reject', comment: 'not positive' }, cache));
    await assert.rejects(
      ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'reject', comment: 'still not' }, cache)),
      (e) => isDomainError(e) && e.code === 'conflict' && /already reviewed: rejected/.test(e.message),
    );
    const again = (await claimNextTask(db, { actor: annotator, project }, cache))!;
    const redo = await submitAnnotation(db, { actor: annotator, taskId: again.task.id, result: negative }, cache);
    const accepted = await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: redo.annotation.id, decision: 'accept' }, cache));
    assert.equal(accepted.annotationId, redo.annotation.id, 'the rework is a new annotation, reviewed as such');
    assert.equal((await findItemState(db, project.id, again.item.id))?.stage, 'accepted');
  });

  it('lists first, in the item’s queue entry, the annotations no review decided yet: the review screen opens on the first', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    await saveQaPolicy(db, project.id, qaPolicyOf({ reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, agreementThreshold: null }));
    await addTextItems(db, project, 1);
    const [first, second] = [actorOf(await makeUser(db, 'annotator')), actorOf(await makeUser(db, 'annotator'))];
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    const ids: number[] = [];
    for (const actor of [first, second]) {
      const claimed = (await claimNextTask(db, { actor, project }, cache))!;
      ids.push((await submitAnnotation(db, { actor, taskId: claimed.task.id, result: positive }, cache)).annotation.id);
    }
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    const order = async () => (await listReviewQueue(db, project.id, 10)).map((e) => e.annotations.map((a) => a.id));
    assert.deepEqual(await order(), [ids]);
    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: ids[0]!, decision: 'accept' }, cache));
    assert.deepEqual(await order(), [[ids[1], ids[0]]], 'the accepted one after the one that waits, still there to compare');
  });

  it('refuses a result with an accept or a rejection: only a correction stores one', async () => {
    const db = ctx.store.db;
    const { project, reviewer, claimed, annotation } = await annotated();
    for (const [decision, comment] of [['accept', null], ['reject', 'negative, in fact']] as const) {
      await assert.rejects(
        ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision, comment, result: negative }, cache)),
        (e) => isDomainError(e) && e.code === 'validation_failed' && (e.details as { issues: { path: string }[] }).issues[0]?.path === 'result',
        decision,
      );
    }
    assert.deepEqual(await db.selectFrom('reviews').select('id').where('annotation_id', '=', annotation.id).execute(), [], 'nothing recorded');
    assert.equal((await findItemState(db, project.id, claimed.item.id))?.stage, 'review');
  });

  it('corrects: the reviewer’s version supersedes the annotator’s; nobody reviews their own work', async () => {
    const db = ctx.store.db;
    const { claimed, annotator, reviewer, annotation } = await annotated();
    await assert.rejects(
      ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: annotator, annotationId: annotation.id, decision: 'accept' }, cache)),
      (e) => isDomainError(e) && e.code === 'forbidden',
    );
    const review = await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'correct', result: negative }, cache));
    const history = await listItemAnnotations(db, claimed.task.projectId, claimed.item.id);
    assert.equal(history.length, 2);
    assert.equal(history[1]!.id, review.correctedAnnotationId);
    assert.equal(history[1]!.supersedesId, annotation.id);
    assert.deepEqual(history[1]!.result.choices, { sentiment: ['negative'] });
    await assert.rejects(
      ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'accept' }, cache)),
      (e) => isDomainError(e) && e.code === 'conflict',
      'a superseded annotation is not reviewed again',
    );
  });
});
