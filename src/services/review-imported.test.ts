import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { isDomainError } from '../core/errors.ts';
import type { Project } from '../core/projects.ts';
import { type QaPolicy, qaPolicyOf } from '../core/quality/qa-policy.ts';
import { listItemAnnotations } from '../store/annotations.ts';
import { findItemsByExternalIds } from '../store/jobs-import-writes.ts';
import { setProjectPools, upsertMember } from '../store/pools.ts';
import { findItemState } from '../store/item-states.ts';
import { stageCounts } from '../store/stage-counts.ts';
import { saveQaPolicy } from '../store/workflow.ts';
import { actorOf, makePool, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { claimNextTask } from './claim-next-task.ts';
import { importAnnotations } from './import-annotations.ts';
import { adjudicationQueuePage, reviewQueueCount, reviewQueuePage } from './quality/queue-pages.ts';
import { type ReviewAnnotationInput, reviewAnnotation } from './review-annotation.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createWorkCache } from './work-cache.ts';
import { drainWorkflow } from './workflow/advance-workflow.ts';

const text = 'Ada Lovelace met Charles Babbage in London.';
const span = (label: string) => ({ choices: {}, regions: [{ control: 'entities', kind: 'span' as const, label, start: 0, end: 12 }] });

describeEachEngine('reviewing imported labels', (ctx) => {
  const cache = createWorkCache();
  let scratch: Scratch;
  before(async () => {
    scratch = await makeScratch();
  });
  after(() => scratch.remove());

  /**
   * A project whose policy reviews all crowd work and nothing else, and an import of one crowd label
   * for each of `crowdItems` (so in review, sampled), a label rejected in the file's history (in
   * review, no pool) and a prediction.
   */
  async function imported(crowdItems: string[], policy: Partial<QaPolicy> = {}) {
    const db = ctx.store.db;
    const made = await makeProject(ctx.store);
    const qaPolicy = qaPolicyOf({ reviewRates: { crowd: 1, vendor: 0, in_house: 0, staff: 0 }, agreementThreshold: null, ...policy });
    await saveQaPolicy(db, made.id, qaPolicy);
    const project: Project = { ...made, qaPolicy };
    const [crowd, other] = [await makePool(db, { kind: 'crowd' }), await makePool(db)];
    await setProjectPools(db, project.id, [crowd.id, other.id]);
    const line = (id: string, annotations: unknown[]) => JSON.stringify({ item: { externalId: id, kind: 'text', text: `${text} ${id}` }, annotations });
    const file = scratch.path(`review-${project.id}.jsonl`);
    await writeFile(file, [
      ...crowdItems.map((id) => line(id, [{ id: 1, source: 'human', pool: { id: 9, key: crowd.key, kind: 'crowd' }, result: span('PER'), createdAt: '2024-05-01T10:00:00Z' }])),
      line('file-rejected', [{ id: 1, source: 'human', result: span('LOC'), createdAt: '2024-05-02T10:00:00Z', review: { decision: 'reject', reviewerId: 4, comment: 'wrong' } }]),
      line('predicted', [{ id: 1, source: 'model', model: { name: 'ner', version: '1' }, result: span('PER'), createdAt: '2024-05-03T10:00:00Z' }]),
    ].join('\n'));
    const importFile = () => importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    await importFile();
    const items = await findItemsByExternalIds(db, project.id, [...crowdItems, 'file-rejected', 'predicted']);
    const idOf = (key: string) => items.get(key)!.id;
    // A pool's reviewer reads items without their metadata, the external id too.
    const keyOf = (itemId: number) => [...items].find(([, item]) => item.id === itemId)?.[0];
    const labelOf = async (key: string) => (await listItemAnnotations(db, project.id, idOf(key)))[0]!;
    const stageOf = async (key: string) => {
      const state = await findItemState(db, project.id, idOf(key));
      return state && { stage: state.stage, reason: state.reason, method: state.method };
    };
    const review = (input: Omit<ReviewAnnotationInput, 'annotationId'> & { key: string }) =>
      labelOf(input.key).then((label) => ctx.store.transaction((tx) => reviewAnnotation(tx, { ...input, annotationId: label.id }, cache)));
    return { db, project, crowd, other, idOf, keyOf, labelOf, stageOf, review, importFile };
  }

  it('puts them in the queue of a reviewer who may see them; accepting, correcting or rejecting settles the item as for work done here', async () => {
    const { db, project, crowd, other, idOf, keyOf, labelOf, stageOf, review, importFile } = await imported(['accept', 'correct', 'reject'], { onReject: 'rework', reworkTo: 'other' });
    const staffReviewer = actorOf(await makeUser(db, 'reviewer'));
    const [crowdReviewer, otherReviewer] = [actorOf(await makeUser(db, 'reviewer')), actorOf(await makeUser(db, 'reviewer'))];
    await upsertMember(db, crowd.id, crowdReviewer.user.id, 'reviewer');
    await upsertMember(db, other.id, otherReviewer.user.id, 'reviewer');
    for (const key of ['accept', 'correct', 'reject']) assert.deepEqual(await stageOf(key), { stage: 'review', reason: 'sampled', method: 'import' }, key);
    assert.deepEqual(await stageOf('file-rejected'), { stage: 'review', reason: 'review_rejected', method: 'import' });
    assert.equal(await stageOf('predicted'), null);

    const queue = async (actor: typeof staffReviewer) =>
      (await reviewQueuePage(db, { actor, projectId: project.id, limit: 20 }, cache)).entries.map((e) => [keyOf(e.item.id), e.annotations.map((a) => a.source)]);
    assert.deepEqual(await queue(staffReviewer), [['accept', ['import']], ['correct', ['import']], ['reject', ['import']], ['file-rejected', ['import']]]);
    assert.deepEqual(await queue(crowdReviewer), [['accept', ['import']], ['correct', ['import']], ['reject', ['import']]], 'the crowd pool’s work, by the pool the import credited');
    assert.deepEqual(await queue(otherReviewer), [], 'another vendor’s reviewer sees none of it');
    assert.deepEqual((await stageCounts(db, project.id, { splitReview: true })).reviewWaiting, 4, 'the quality page: waiting for a reviewer');
    assert.deepEqual([(await stageCounts(db, project.id, { pools: [crowd.id] })).review, (await stageCounts(db, project.id, { pools: [other.id] })).review], [3, 0], 'a pool’s own figures count the imports credited to it');
    await assert.rejects(review({ actor: otherReviewer, key: 'accept', decision: 'accept' }), (e) => isDomainError(e) && e.code === 'not_found');
    await assert.rejects(review({ actor: staffReviewer, key: 'predicted', decision: 'accept' }), (e) => isDomainError(e) && e.code === 'conflict', 'predictions stay out of review');

    await review({ actor: crowdReviewer, key: 'accept', decision: 'accept' });
    assert.deepEqual(await stageOf('accept'), { stage: 'accepted', reason: 'accepted in review', method: 'reviewed' });

    await review({ actor: crowdReviewer, key: 'correct', decision: 'correct', result: span('LOC') });
    assert.deepEqual(await stageOf('correct'), { stage: 'accepted', reason: 'corrected in review', method: 'reviewed' });
    // (Its offsets are moved from the text the crowd reads, redacted, onto the item's.)
    assert.deepEqual((await findItemState(db, project.id, idOf('correct')))!.consensus!.regions.map((r) => r.label), ['LOC'], 'the correction is the label');

    await review({ actor: staffReviewer, key: 'file-rejected', decision: 'accept' });
    assert.deepEqual(await stageOf('file-rejected'), { stage: 'accepted', reason: 'accepted in review', method: 'reviewed' }, 'a reviewer here overrules the file');

    // Rejected: nobody here made it and it has no task; the label task the import closed is queued again.
    await review({ actor: crowdReviewer, key: 'reject', decision: 'reject', comment: 'Ada is a person' });
    assert.deepEqual(await stageOf('reject'), { stage: 'review', reason: 'review_rejected', method: 'reviewed' });
    assert.deepEqual(await queue(staffReviewer), [], 'nothing waits for a reviewer');
    assert.deepEqual(await reviewQueueCount(db, { actor: staffReviewer, projectId: project.id, limit: 20 }, cache), { waiting: 0, atLeast: false });
    const counts = await stageCounts(db, project.id, { splitReview: true });
    assert.deepEqual([counts.review, counts.reviewWaiting, counts.accepted], [1, 0, 3], 'in review, waiting for rework');

    // A retried import leaves what reviewers decided alone.
    await importFile();
    assert.deepEqual((await stageCounts(db, project.id, { splitReview: true })).accepted, 3);
    assert.deepEqual(await stageOf('reject'), { stage: 'review', reason: 'review_rejected', method: 'reviewed' });

    const annotator = actorOf(await makeUser(db, 'annotator'));
    const claimed = await claimNextTask(db, { actor: annotator, project }, cache);
    assert.equal(claimed?.item.id, idOf('reject'), 'the item is back in the label queue');
    await submitAnnotation(db, { actor: annotator, taskId: claimed!.task.id, result: span('PER') }, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    assert.deepEqual(await stageOf('reject'), { stage: 'accepted', reason: 'consensus', method: 'weighted vote' }, 'settled by the redo, as any label work');
    assert.equal((await labelOf('reject')).source, 'import', 'the rejected label is kept');
  });

  it('gives the items an import sends to review a review task, once, which a reviewer’s claim takes', async () => {
    const { db, project, idOf, importFile, stageOf } = await imported(['one']);
    const openReviews = async () =>
      (await db.selectFrom('tasks').select('item_id').where('project_id', '=', project.id).where('stage', '=', 'review').where('status', 'in', ['queued', 'leased']).orderBy('item_id').execute()).map((t) => Number(t.item_id));
    assert.deepEqual(await openReviews(), [idOf('one'), idOf('file-rejected')].sort((a, b) => a - b), 'the sampled item and the one the file rejected');
    await importFile();
    assert.equal((await openReviews()).length, 2, 'not twice');
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    const claimed = await claimNextTask(db, { actor: reviewer, project, stage: 'review' }, cache);
    assert.ok(claimed && [idOf('one'), idOf('file-rejected')].includes(claimed.item.id));
    // (The second import brought the labels again: every one is decided.)
    for (const key of ['one', 'file-rejected']) {
      for (const label of await listItemAnnotations(db, project.id, idOf(key))) {
        await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: label.id, decision: 'accept' }, cache));
      }
      assert.equal((await stageOf(key))?.stage, 'accepted', key);
    }
    assert.deepEqual(await openReviews(), [], 'decided: the tasks are done');
  });

  it('keeps an item whose imported labels are partly reviewed here in review when the file is imported again', async () => {
    const db = ctx.store.db;
    const made = await makeProject(ctx.store);
    const qaPolicy = qaPolicyOf({ reviewRates: { crowd: 1, vendor: 0, in_house: 0, staff: 0 }, agreementThreshold: null });
    await saveQaPolicy(db, made.id, qaPolicy);
    const project: Project = { ...made, qaPolicy };
    const crowd = await makePool(db, { kind: 'crowd' });
    await setProjectPools(db, project.id, [crowd.id]);
    const label = (id: number) => ({ id, source: 'human', pool: { id: 9, key: crowd.key, kind: 'crowd' }, result: span('PER'), createdAt: `2024-05-0${id}T10:00:00Z` });
    const file = scratch.path(`partly-${project.id}.jsonl`);
    await writeFile(file, JSON.stringify({ item: { externalId: 'two', kind: 'text', text }, annotations: [label(1), label(2)] }));
    const importFile = () => importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    await importFile();
    const itemId = (await findItemsByExternalIds(db, project.id, ['two'])).get('two')!.id;
    const stage = async () => (await findItemState(db, project.id, itemId))?.stage;
    assert.equal(await stage(), 'review');
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    const decide = (annotationId: number) => ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId, decision: 'accept' }, cache));
    const [first] = await listItemAnnotations(db, project.id, itemId);
    await decide(first!.id);
    assert.equal(await stage(), 'review', 'one of two accepted: the other still waits');
    await importFile();
    assert.equal(await stage(), 'review', 'the import again does not settle what a reviewer here has begun');
    // (The second import brought its two labels again; every label still waiting is decided.)
    for (const a of (await listItemAnnotations(db, project.id, itemId)).slice(1)) await decide(a.id);
    assert.deepEqual([await stage(), (await findItemState(db, project.id, itemId))?.method], ['accepted', 'reviewed']);
  });

  it('takes one decision made here on an imported label: the file’s rejection does not count, even by a reviewer known here', async () => {
    const db = ctx.store.db;
    const made = await makeProject(ctx.store);
    const qaPolicy = qaPolicyOf({ reviewRates: { crowd: 0, vendor: 0, in_house: 0, staff: 0 }, agreementThreshold: null, onReject: 'adjudicate' });
    await saveQaPolicy(db, made.id, qaPolicy);
    const project: Project = { ...made, qaPolicy };
    // The file's reviewer is a user here too: the import credits the review to them.
    const [fileReviewer, reviewer] = [actorOf(await makeUser(db, 'reviewer')), actorOf(await makeUser(db, 'reviewer'))];
    const rejected = (id: string) => JSON.stringify({
      item: { externalId: id, kind: 'text', text: `${text} ${id}` },
      annotations: [{ id: 1, source: 'human', result: span('LOC'), createdAt: '2024-05-02T10:00:00Z', review: { decision: 'reject', reviewer: { id: 4, email: fileReviewer.user.email }, comment: 'wrong' } }],
    });
    const file = scratch.path(`decided-${project.id}.jsonl`);
    await writeFile(file, [rejected('accepted-here'), rejected('rejected-here')].join('\n'));
    await importAnnotations(ctx.store, { project, format: 'atelier-jsonl', path: file, createdBy: null, files: scratch.files });
    const items = await findItemsByExternalIds(db, project.id, ['accepted-here', 'rejected-here']);
    const labelOf = async (key: string) => (await listItemAnnotations(db, project.id, items.get(key)!.id))[0]!;
    const review = async (input: Omit<ReviewAnnotationInput, 'annotationId'> & { key: string }) => {
      const label = await labelOf(input.key);
      return ctx.store.transaction((tx) => reviewAnnotation(tx, { ...input, annotationId: label.id }, cache));
    };
    const fileReviews = await db.selectFrom('reviews').select(['reviewer_id', 'decision']).where('project_id', '=', project.id).execute();
    assert.deepEqual(fileReviews.map((r) => [Number(r.reviewer_id), r.decision]), [[fileReviewer.user.id, 'reject'], [fileReviewer.user.id, 'reject']]);

    // Waiting for a reviewer here, who decides; once.
    await review({ actor: reviewer, key: 'accepted-here', decision: 'accept' });
    assert.equal((await findItemState(db, project.id, items.get('accepted-here')!.id))?.stage, 'accepted');
    await assert.rejects(
      review({ actor: fileReviewer, key: 'accepted-here', decision: 'reject', comment: 'as the file said' }),
      (e) => isDomainError(e) && e.code === 'conflict' && e.message.includes(`already reviewed: accepted by ${reviewer.user.name}`),
    );
    // The file's reviewer may decide here too, and then their decision here is the one.
    await review({ actor: fileReviewer, key: 'rejected-here', decision: 'reject', comment: 'still wrong' });
    assert.equal((await findItemState(db, project.id, items.get('rejected-here')!.id))?.stage, 'adjudication');
    await assert.rejects(
      review({ actor: reviewer, key: 'rejected-here', decision: 'accept' }),
      (e) => isDomainError(e) && e.code === 'conflict' && e.message.includes(`already reviewed: rejected by ${fileReviewer.user.name}`),
    );
    assert.equal((await db.selectFrom('reviews').select('id').where('project_id', '=', project.id).execute()).length, 4, 'the file’s two and one made here for each');
  });

  it('sends a rejected imported label to the experts when the policy says so, or when there is no label work to redo', async () => {
    const toExperts = await imported(['reject'], { onReject: 'adjudicate' });
    const reviewer = actorOf(await makeUser(toExperts.db, 'reviewer'));
    await toExperts.review({ actor: reviewer, key: 'reject', decision: 'reject', comment: 'not a place' });
    assert.deepEqual(await toExperts.stageOf('reject'), { stage: 'adjudication', reason: 'review_rejected', method: 'reviewed' });
    const adjudicate = await toExperts.db.selectFrom('tasks').select('status').where('item_id', '=', toExperts.idOf('reject')).where('stage', '=', 'adjudicate').execute();
    assert.deepEqual(adjudicate.map((t) => t.status), ['queued'], 'an adjudication task for the experts');
    const page = await adjudicationQueuePage(toExperts.db, { actor: reviewer, projectId: toExperts.project.id, limit: 10 }, cache);
    assert.deepEqual(page.entries.map((e) => [toExperts.keyOf(e.item.id), e.annotations.map((a) => a.source)]), [['reject', ['import']]], 'the experts see the imported label');

    const noTask = await imported(['reject'], { onReject: 'rework' });
    await noTask.db.deleteFrom('tasks').where('item_id', '=', noTask.idOf('reject')).execute();
    await noTask.review({ actor: reviewer, key: 'reject', decision: 'reject', comment: 'not a place' });
    assert.deepEqual(await noTask.stageOf('reject'), { stage: 'adjudication', reason: 'review_rejected', method: 'reviewed' }, 'no task to send back: nobody here would redo it');
  });
});
