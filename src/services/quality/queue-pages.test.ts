import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult } from '../../core/label-schema.ts';
import { qaPolicyOf } from '../../core/quality/qa-policy.ts';
import { setProjectPools, upsertMember } from '../../store/pools.ts';
import { recentChoiceAnswers } from '../../store/quality-answers.ts';
import { insertStageTask } from '../../store/routing.ts';
import { saveItemStates } from '../../store/item-states.ts';
import { stageCounts } from '../../store/stage-counts.ts';
import { saveQaPolicy } from '../../store/workflow.ts';
import { actorOf, addTextItems, makePool, makeProject, makeUser } from '../../../test/support/fixtures.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { reviewAnnotation } from '../review-annotation.ts';
import { setRoutingPolicy } from '../routing/set-routing-policy.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWorkCache } from '../work-cache.ts';
import { drainWorkflow } from '../workflow/advance-workflow.ts';
import { adjudicationQueueCount, adjudicationQueuePage, reviewQueueCount, reviewQueuePage } from './queue-pages.ts';

const positive: AnnotationResult = { choices: { sentiment: ['positive'] }, regions: [] };

describeEachEngine('the review and adjudication queues as a reader sees them', (ctx) => {
  const cache = createWorkCache();

  /** A project whose QA policy reviews everything, with `n` items one annotator labelled and the workflow settled. */
  async function labelled(n: number) {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await saveQaPolicy(db, project.id, qaPolicyOf({ reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, agreementThreshold: null }));
    const items = await addTextItems(db, project, n);
    const annotator = actorOf(await makeUser(db, 'annotator'));
    const reviewer = actorOf(await makeUser(db, 'reviewer'));
    for (let i = 0; i < n; i++) {
      const claimed = (await claimNextTask(db, { actor: annotator, project }, cache))!;
      await submitAnnotation(db, { actor: annotator, taskId: claimed.task.id, result: positive }, cache);
    }
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    return { db, project, items, annotator, reviewer };
  }


  /** The item sent to the experts as escalation leaves it: in adjudication, with an adjudicate task routed there. */
  async function withExperts(db: typeof ctx.store.db, projectId: number, itemId: number, route: { poolId: number | null; memberRole: 'expert' | null }) {
    await saveItemStates(db, [{ projectId, itemId, stage: 'adjudication', consensus: null, method: 'test', confidence: null, agreement: 0.4, reason: 'low_agreement' }]);
    await insertStageTask(db, { projectId, itemId, stage: 'adjudicate', ...route, priority: 50, routedBy: null });
  }

  it('lists the waiting items with their annotations and annotators, and everyone’s answers only to those who compare them', async () => {
    const { db, project, items: [first, second], annotator, reviewer } = await labelled(2);

    const review = await reviewQueuePage(db, { actor: reviewer, projectId: project.id, limit: 1 }, cache);
    assert.equal(review.entries.length, 1, 'a page of one');
    assert.equal(review.cutShort, false);
    const [entry] = review.entries;
    assert.ok([first, second].includes(entry!.item.id));
    assert.deepEqual(entry!.annotations.map((a) => a.annotatorId), [annotator.user.id]);
    assert.deepEqual(entry!.annotators, [{ id: annotator.user.id, name: annotator.user.name }]);
    assert.equal((await reviewQueuePage(db, { actor: reviewer, projectId: project.id, limit: 20 }, cache)).entries.length, 2);

    await saveItemStates(db, [{ projectId: project.id, itemId: first!, stage: 'adjudication', consensus: null, method: 'test', confidence: null, agreement: 0.4, reason: 'low_agreement' }]);
    const experts = await adjudicationQueuePage(db, { actor: reviewer, projectId: project.id, limit: 20 }, cache);
    assert.deepEqual(experts.entries.map((e) => [e.item.id, e.reason, e.agreement]), [[first, 'low_agreement', 0.4]]);
    assert.equal(experts.entries[0]!.annotations.length, 1);
    const asAnnotator = await adjudicationQueuePage(db, { actor: annotator, projectId: project.id, limit: 20 }, cache);
    assert.deepEqual(asAnnotator.entries, [], 'the annotator labelled the item, but reads nobody’s answers from this queue');
  });

  it('says which annotations of a waiting item a reviewer decided already, so that the screen offers no decision on them', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    await saveQaPolicy(db, project.id, qaPolicyOf({ reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, agreementThreshold: null }));
    const [itemId] = await addTextItems(db, project, 1);
    const [x, y] = [actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    for (const actor of [x, y]) {
      const claimed = (await claimNextTask(db, { actor, project }, cache))!;
      await submitAnnotation(db, { actor, taskId: claimed.task.id, result: positive }, cache);
    }
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    const [first, second] = [actorOf(await makeUser(db, 'reviewer')), actorOf(await makeUser(db, 'reviewer'))];
    const entryFor = async (actor: typeof first) => (await reviewQueuePage(db, { actor, projectId: project.id, limit: 20 }, cache)).entries.find((e) => e.item.id === itemId)!;
    const before = await entryFor(first);
    assert.equal(before.annotations.length, 2);
    assert.deepEqual(before.decided, []);
    const xs = before.annotations.find((a) => a.annotatorId === x.user.id)!;
    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: first, annotationId: xs.id, decision: 'accept' }, cache));
    const after = await entryFor(second);
    assert.deepEqual(after.annotations.map((a) => a.annotatorId), [y.user.id, x.user.id], 'the one left to decide first, the decided one beside it');
    assert.deepEqual(after.decided, [{ annotationId: xs.id, decision: 'accept' }]);
  });

  it('counts what the pages would show, up to a limit, reading none of it', async () => {
    const { db, project, items: [first], annotator, reviewer } = await labelled(3);
    await withExperts(db, project.id, first!, { poolId: null, memberRole: null });
    const reads = async () => Number((await db.selectFrom('audit_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'in', ['item.read', 'item.redacted_read']).executeTakeFirstOrThrow()).n);
    const before = await reads();
    assert.deepEqual(await reviewQueueCount(db, { actor: reviewer, projectId: project.id, limit: 100 }, cache), { waiting: 2, atLeast: false });
    assert.deepEqual(await reviewQueueCount(db, { actor: reviewer, projectId: project.id, limit: 1 }, cache), { waiting: 1, atLeast: true });
    assert.deepEqual(await adjudicationQueueCount(db, { actor: reviewer, projectId: project.id, limit: 100 }, cache), { waiting: 1, atLeast: false });
    assert.deepEqual(await adjudicationQueueCount(db, { actor: annotator, projectId: project.id, limit: 100 }, cache), { waiting: 0, atLeast: false });
    assert.equal(await reads(), before, 'a count reads no item');
    await reviewQueuePage(db, { actor: reviewer, projectId: project.id, limit: 100 }, cache);
    assert.equal(await reads(), before + 2, 'a page records a read of each item it shows');
  });

  it('counts for an expert only the adjudications they could take, not one routed to a vendor’s experts', async () => {
    const { db, project, items: [forVendor, forInHouse] } = await labelled(2);
    const [vendor, inHouse] = [await makePool(db), await makePool(db, { kind: 'in_house' })];
    await setProjectPools(db, project.id, [vendor.id, inHouse.id]);
    await withExperts(db, project.id, forVendor!, { poolId: vendor.id, memberRole: 'expert' });
    await withExperts(db, project.id, forInHouse!, { poolId: inHouse.id, memberRole: 'expert' });
    const [vendorExpert, inHouseExpert] = [actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    await upsertMember(db, vendor.id, vendorExpert.user.id, 'expert');
    await upsertMember(db, inHouse.id, inHouseExpert.user.id, 'expert');
    const local = createWorkCache();
    const count = (actor: typeof vendorExpert) => adjudicationQueueCount(db, { actor, projectId: project.id, limit: 100 }, local);

    assert.equal((await adjudicationQueuePage(db, { actor: inHouseExpert, projectId: project.id, limit: 20 }, local)).entries.length, 2, 'the in-house expert reads both');
    assert.deepEqual(await count(inHouseExpert), { waiting: 1, atLeast: false }, 'but could take only their pool’s');
    assert.deepEqual(await count(vendorExpert), { waiting: 1, atLeast: false });

    const held = (await claimNextTask(db, { actor: inHouseExpert, project, stage: 'adjudicate' }, local))!;
    assert.equal(held.item.id, forInHouse);
    assert.deepEqual(await count(inHouseExpert), { waiting: 1, atLeast: false }, 'a held adjudication is theirs to resume');
    await submitAnnotation(db, { actor: inHouseExpert, taskId: held.task.id, result: positive }, local);
    assert.deepEqual(await count(inHouseExpert), { waiting: 0, atLeast: false });
    assert.equal(await claimNextTask(db, { actor: inHouseExpert, project, stage: 'adjudicate' }, local), null, 'as the claim agrees');
  });

  it('shows a vendor’s reviewer the items with the experts that hold their pools’ work, with that work only', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    const [first, second] = await addTextItems(db, project, 2);
    const [acme, beta] = [await makePool(db), await makePool(db)];
    await setProjectPools(db, project.id, [acme.id, beta.id]);
    // The first item is labelled by both vendors, the second by beta alone.
    const tasks = await db.selectFrom('tasks').select(['id', 'item_id']).where('project_id', '=', project.id).orderBy('id').execute();
    const firstTasks = tasks.filter((t) => t.item_id === first);
    await db.updateTable('tasks').set({ pool_id: acme.id }).where('id', '=', firstTasks[0]!.id).execute();
    await db.updateTable('tasks').set({ pool_id: beta.id }).where('id', 'in', tasks.filter((t) => t.id !== firstTasks[0]!.id).map((t) => t.id)).execute();
    const [acmeAnnotator, betaAnnotator, betaOther] = [actorOf(await makeUser(db)), actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    await upsertMember(db, acme.id, acmeAnnotator.user.id, 'annotator');
    await upsertMember(db, beta.id, betaAnnotator.user.id, 'annotator');
    await upsertMember(db, beta.id, betaOther.user.id, 'annotator');
    const local = createWorkCache();
    for (const actor of [acmeAnnotator, betaAnnotator, betaOther]) {
      for (;;) {
        const claimed = await claimNextTask(db, { actor, project }, local);
        if (!claimed) break;
        await submitAnnotation(db, { actor, taskId: claimed.task.id, result: positive }, local);
      }
    }
    for (const itemId of [first!, second!]) await withExperts(db, project.id, itemId, { poolId: null, memberRole: null });
    const [acmeReviewer, acmeLead, acmeExpert] = [actorOf(await makeUser(db, 'reviewer')), actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    await upsertMember(db, acme.id, acmeReviewer.user.id, 'reviewer');
    await upsertMember(db, acme.id, acmeLead.user.id, 'manager');
    await upsertMember(db, acme.id, acmeExpert.user.id, 'expert');
    const page = async (actor: typeof acmeReviewer) =>
      (await adjudicationQueuePage(db, { actor, projectId: project.id, limit: 20 }, local)).entries.map((e) => ({
        item: e.item.id, answers: e.annotations.map((a) => a.annotatorId), names: e.annotators.map((a) => a.id), reason: e.reason, agreement: e.agreement,
      }));

    const acmeOnly = [{ item: first, answers: [acmeAnnotator.user.id], names: [acmeAnnotator.user.id], reason: null, agreement: null }];
    assert.deepEqual(await page(acmeReviewer), acmeOnly, 'not beta’s answer or name, nor why or how far they agree, nor beta’s item');
    assert.deepEqual(await page(acmeLead), acmeOnly);
    assert.deepEqual(await page(acmeExpert), acmeOnly, 'an expert of a pool the items are not routed to');
    // Routed to acme's experts, the item is theirs to decide, from everyone's answers.
    await insertStageTask(db, { projectId: project.id, itemId: first!, stage: 'adjudicate', poolId: acme.id, memberRole: 'expert', priority: 50, routedBy: null });
    assert.deepEqual(await page(acmeExpert), [{ item: first, answers: [acmeAnnotator.user.id, betaAnnotator.user.id], names: [acmeAnnotator.user.id, betaAnnotator.user.id], reason: 'low_agreement', agreement: 0.4 }]);
    assert.deepEqual(await page(acmeReviewer), acmeOnly, 'not for the pool’s reviewer');
  });

  it('keeps a vendor’s reviewer to their pool’s work: the item leaves their queue once that work is reviewed', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    await saveQaPolicy(db, project.id, qaPolicyOf({ reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, agreementThreshold: null }));
    await addTextItems(db, project, 1);
    const [vendor, inHouse] = [await makePool(db), await makePool(db, { kind: 'in_house' })];
    await setProjectPools(db, project.id, [vendor.id, inHouse.id]);
    const tasks = await db.selectFrom('tasks').select('id').where('project_id', '=', project.id).orderBy('id').execute();
    await db.updateTable('tasks').set({ pool_id: vendor.id }).where('id', '=', tasks[0]!.id).execute();
    await db.updateTable('tasks').set({ pool_id: inHouse.id }).where('id', '=', tasks[1]!.id).execute();
    const [vendorAnnotator, inHouseAnnotator] = [actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    const vendorReviewer = actorOf(await makeUser(db, 'reviewer'));
    const staffReviewer = actorOf(await makeUser(db, 'reviewer'));
    await upsertMember(db, vendor.id, vendorAnnotator.user.id, 'annotator');
    await upsertMember(db, vendor.id, vendorReviewer.user.id, 'reviewer');
    await upsertMember(db, inHouse.id, inHouseAnnotator.user.id, 'annotator');
    const local = createWorkCache();
    for (const actor of [vendorAnnotator, inHouseAnnotator]) {
      const claimed = (await claimNextTask(db, { actor, project }, local))!;
      await submitAnnotation(db, { actor, taskId: claimed.task.id, result: positive }, local);
    }
    await drainWorkflow(ctx.store, local, { settleSeconds: 0 });

    const page = (actor: typeof staffReviewer) => reviewQueuePage(db, { actor, projectId: project.id, limit: 20 }, local);
    const theirs = (await page(vendorReviewer)).entries;
    assert.deepEqual(theirs.map((e) => e.annotations.map((a) => a.annotatorId)), [[vendorAnnotator.user.id]], 'only the vendor’s answer');
    assert.deepEqual(theirs[0]!.annotators.map((a) => a.id), [vendorAnnotator.user.id], 'nor the other annotator’s name');
    assert.deepEqual((await page(staffReviewer)).entries.map((e) => e.annotations.length), [2]);

    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: vendorReviewer, annotationId: theirs[0]!.annotations[0]!.id, decision: 'accept' }, local));
    assert.deepEqual((await page(vendorReviewer)).entries, [], 'nothing of theirs waits, though the in-house answer does');
    assert.deepEqual(await reviewQueueCount(db, { actor: vendorReviewer, projectId: project.id, limit: 20 }, local), { waiting: 0, atLeast: false });
    assert.deepEqual((await page(staffReviewer)).entries.map((e) => e.annotations.map((a) => a.annotatorId)), [[inHouseAnnotator.user.id, vendorAnnotator.user.id]], 'the answer that waits first');

    // The quality screens' window of latest answers is the pool's own: the newer in-house answer does not push it out.
    const latest = await recentChoiceAnswers(db, project.id, 1, [vendor.id]);
    assert.deepEqual(latest.map((r) => r.annotatorId), [vendorAnnotator.user.id]);
    assert.deepEqual((await recentChoiceAnswers(db, project.id, 1)).map((r) => r.annotatorId), [inHouseAnnotator.user.id]);
    assert.deepEqual(await recentChoiceAnswers(db, project.id, 10, []), [], 'a reader of no pool sees no work');
  });

  it('keeps the review sample a rule sends to in-house reviewers from the vendor’s own reviewer', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await saveQaPolicy(db, project.id, qaPolicyOf({ reviewRates: { in_house: 0, vendor: 0, crowd: 0, staff: 0 }, agreementThreshold: null }));
    const [vendor, inHouse] = [await makePool(db), await makePool(db, { kind: 'in_house' })];
    const manager = actorOf(await makeUser(db, 'manager'));
    const policy = { rules: [{ name: 'vendors label, in-house reviews', when: {}, to: [{ pool: vendor.key, weight: 1 }], reviewSample: 1, reviewBy: [inHouse.key] }] };
    await addTextItems(db, project, 1);
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy }));
    const [vendorAnnotator, vendorReviewer, inHouseReviewer] = [actorOf(await makeUser(db)), actorOf(await makeUser(db, 'reviewer')), actorOf(await makeUser(db, 'reviewer'))];
    await upsertMember(db, vendor.id, vendorAnnotator.user.id, 'annotator');
    await upsertMember(db, vendor.id, vendorReviewer.user.id, 'reviewer');
    await upsertMember(db, inHouse.id, inHouseReviewer.user.id, 'reviewer');
    const local = createWorkCache();
    const claimed = (await claimNextTask(db, { actor: vendorAnnotator, project }, local))!;
    const labelled = await submitAnnotation(db, { actor: vendorAnnotator, taskId: claimed.task.id, result: positive }, local);
    await drainWorkflow(ctx.store, local, { settleSeconds: 0 });

    const waiting = (actor: typeof manager) => reviewQueueCount(db, { actor, projectId: project.id, limit: 20 }, local);
    assert.deepEqual(await waiting(inHouseReviewer), { waiting: 1, atLeast: false }, 'the rule’s sample waits for the in-house reviewer');
    assert.deepEqual(await waiting(vendorReviewer), { waiting: 0, atLeast: false }, 'not for the vendor who did the work');
    assert.deepEqual((await reviewQueuePage(db, { actor: vendorReviewer, projectId: project.id, limit: 20 }, local)).entries, []);
    const figures = async (pools: number[] | null) => {
      const counts = await stageCounts(db, project.id, { splitReview: true, pools });
      return [counts.review, counts.reviewWaiting, counts.reviewElsewhere];
    };
    assert.deepEqual(await figures([vendor.id]), [1, 1, 1], 'the vendor’s figures say the item waits for another pool’s reviewers, as their queue is empty');
    assert.deepEqual(await figures([inHouse.id, vendor.id]), [1, 1, 0]);
    assert.deepEqual(await figures(null), [1, 1, null], 'staff oversee every pool’s review');
    await assert.rejects(
      ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: vendorReviewer, annotationId: labelled.annotation.id, decision: 'accept' }, local)),
      (e: Error & { code?: string }) => e.code === 'forbidden' && /another pool/.test(e.message),
    );
    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: inHouseReviewer, annotationId: labelled.annotation.id, decision: 'accept' }, local));
    assert.deepEqual(await waiting(inHouseReviewer), { waiting: 0, atLeast: false });
  });
});
