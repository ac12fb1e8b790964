import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult } from '../../core/label-schema.ts';
import { actorOf, addTextItems, makePool, makeProject, makeUser, textItem } from '../../../test/support/fixtures.ts';
import { insertAnnotation } from '../../store/annotations.ts';
import { insertGoldResult } from '../../store/gold-results.ts';
import { saveItemStates } from '../../store/item-states.ts';
import { insertItemsWithTasks } from '../../store/items.ts';
import { setKnownAnswer } from '../../store/onboarding.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWorkCache } from '../work-cache.ts';
import { projectQuality } from './project-quality.ts';

describeEachEngine('the quality of a project', (ctx) => {
  const cache = createWorkCache();

  it('measures agreement on spans as on choices, and counts confusion only on items two annotators share', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    await addTextItems(db, project, 7);
    const [ada, bob] = [actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    const result = (text: string, shortLondon: boolean, sentiment: string): AnnotationResult => {
      const london = text.indexOf('London');
      return {
        choices: { sentiment: [sentiment] },
        regions: [
          { control: 'entities', kind: 'span', label: 'PER', start: 0, end: 12 },
          { control: 'entities', kind: 'span', label: 'LOC', start: london, end: london + (shortLondon ? 5 : 6) },
        ],
      };
    };
    // Ada answers all seven sentences; Bob the first six, one letter short of London on three.
    for (let i = 0; i < 7; i++) {
      const claimed = (await claimNextTask(db, { actor: ada, project }, cache))!;
      await submitAnnotation(db, { actor: ada, taskId: claimed.task.id, result: result(claimed.item.text!, false, 'positive') }, cache);
    }
    for (let i = 0; i < 6; i++) {
      const claimed = (await claimNextTask(db, { actor: bob, project }, cache))!;
      await submitAnnotation(db, { actor: bob, taskId: claimed.task.id, result: result(claimed.item.text!, i >= 3, i === 0 ? 'negative' : 'positive') }, cache);
    }

    const quality = await projectQuality(db, project, cache);
    const spans = quality.regionControls.find((c) => c.control === 'entities')!;
    assert.equal(spans.kind, 'span');
    assert.equal(spans.agreement.project.items, 7);
    assert.equal(spans.agreement.project.pairableItems, 6);
    assert.equal(spans.agreement.project.f1, (3 * 1 + 3 * 0.5) / 6);
    assert.deepEqual(spans.agreement.byLabel.map((l) => [l.label, l.regions, l.f1]), [['LOC', 13, 0.5], ['PER', 13, 1]]);
    assert.deepEqual(spans.agreement.byPair.map((p) => [[p.workerA, p.workerB].sort(), p.sharedItems]), [[[ada.user.name, bob.user.name].sort(), 6]]);

    const sentiment = quality.controls.find((c) => c.control === 'sentiment')!;
    assert.equal(sentiment.agreement.project.pairableItems, 6);
    assert.equal(sentiment.agreement.project.percentAgreement, 5 / 6);
    assert.deepEqual(
      sentiment.confusion.map((w) => [w.worker, w.answers, w.unsettled]).sort(),
      [[ada.user.name, 0, 6], [bob.user.name, 0, 6]].sort(),
      "nothing is settled yet; Ada's seventh answer, on a sentence nobody else labelled, says nothing about her",
    );
  });

  it('gives an annotator who answered gold through two pools one accuracy, and each pool its own', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 1 });
    const items = await addTextItems(db, project, 5);
    const ada = await makeUser(db);
    const vendor = await makePool(db, { key: `v-${ctx.engine}`, kind: 'vendor' });
    // Three answers through the vendor's pool (two right), two outside any pool (one right).
    for (const [k, itemId] of items.entries()) {
      const annotation = await insertAnnotation(db, {
        projectId: project.id, itemId, taskId: null, annotatorId: ada.id, source: 'human', modelName: null, modelVersion: null, confidence: null,
        schemaVersion: 1, guidelinesVersion: 1, result: { choices: { sentiment: ['positive'] }, regions: [] }, timeSpentMs: null, supersedesId: null,
      });
      const passed = k === 0 || k === 1 || k === 3;
      await insertGoldResult(db, { projectId: project.id, itemId, annotationId: annotation.id, annotatorId: ada.id, poolId: k < 3 ? vendor.id : null, score: passed ? 1 : 0, passed, answeredAt: new Date() });
    }
    const { gold } = await projectQuality(db, project, cache);
    assert.deepEqual(gold.byAnnotator.map((a) => [a.name, a.passed, a.answered]), [[ada.name, 3, 5]]);
    assert.deepEqual(gold.byPool.map((p) => [p.name, p.passed, p.answered]).sort(), [['outside any pool', 1, 2], [vendor.key, 2, 3]].sort());
  });
  it("counts imported labels as answers (agreement only between known annotators), and a reviewer's correction as no one's answer", async () => {
    const db = ctx.store.db;
    const said = (sentiment: string): AnnotationResult => ({ choices: { sentiment: [sentiment] }, regions: [] });
    const base = { modelName: null, modelVersion: null, confidence: null, schemaVersion: 1, guidelinesVersion: 1, timeSpentMs: null, supersedesId: null };
    // Labelled elsewhere: Carol and Dan on six items (they differ on the first), and someone unknown here on the first.
    const imported = await makeProject(ctx.store, { overlap: 1 });
    const items = await addTextItems(db, imported, 6);
    const [carol, dan] = [await makeUser(db), await makeUser(db)];
    for (const [k, itemId] of items.entries()) {
      for (const [who, label] of [[carol.id, 'positive'], [dan.id, k === 0 ? 'negative' : 'positive']] as const) {
        await insertAnnotation(db, { ...base, projectId: imported.id, itemId, taskId: null, annotatorId: who, source: 'import', result: said(label) });
      }
    }
    await insertAnnotation(db, { ...base, projectId: imported.id, itemId: items[0]!, taskId: null, annotatorId: null, source: 'import', result: said('negative') });
    const fromImport = (await projectQuality(db, imported, cache)).controls.find((c) => c.control === 'sentiment');
    assert.ok(fromImport, 'imported labels are answers per label');
    assert.deepEqual(fromImport.agreement.byLabel.map((l) => [l.label, l.answers]), [['negative', 2], ['positive', 11]]);
    assert.equal(fromImport.agreement.project.pairableItems, 6);
    assert.equal(fromImport.agreement.project.percentAgreement, 5 / 6);
    assert.deepEqual(fromImport.confusion.map((w) => w.worker).sort(), [carol.name, dan.name].sort());

    // Labelled here: Ada and Bob agree on five items; a reviewer corrects Bob's first answer.
    const project = await makeProject(ctx.store, { overlap: 2 });
    await addTextItems(db, project, 5);
    const [ada, bob, riley] = [actorOf(await makeUser(db)), actorOf(await makeUser(db)), await makeUser(db, 'reviewer')];
    const bobs = [];
    for (const actor of [ada, bob]) {
      for (let i = 0; i < 5; i++) {
        const claimed = (await claimNextTask(db, { actor, project }, cache))!;
        const done = await submitAnnotation(db, { actor, taskId: claimed.task.id, result: said('positive') }, cache);
        if (actor === bob) bobs.push({ taskId: claimed.task.id, itemId: claimed.item.id, annotationId: done.annotation.id });
      }
    }
    const first = bobs[0]!;
    await insertAnnotation(db, { ...base, projectId: project.id, itemId: first.itemId, taskId: first.taskId, annotatorId: riley.id, source: 'human', result: said('negative'), supersedesId: first.annotationId });
    const sentiment = (await projectQuality(db, project, cache)).controls.find((c) => c.control === 'sentiment')!;
    assert.deepEqual(sentiment.confusion.map((w) => [w.worker, w.unsettled]).sort(), [[ada.user.name, 5], [bob.user.name, 5]].sort(), 'the reviewer is no annotator');
    assert.equal(sentiment.agreement.project.percentAgreement, 1, "Bob's own answer is what he is measured by");
  });

  it("counts each annotator's answers against the items' settled labels: the errors they made, and no others", async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    const items = await addTextItems(db, project, 6);
    const [ada, bob] = [actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    const said = (sentiment: string): AnnotationResult => ({ choices: { sentiment: [sentiment] }, regions: [] });
    // Per sentence (its number in the text), what Ada and Bob say: they differ on 3 and on 5.
    const answers: Record<number, [string, string]> = { 0: ['positive', 'positive'], 1: ['positive', 'positive'], 2: ['positive', 'positive'], 3: ['positive', 'negative'], 4: ['negative', 'negative'], 5: ['positive', 'negative'] };
    for (const [k, actor] of [ada, bob].entries()) {
      for (let i = 0; i < 6; i++) {
        const claimed = (await claimNextTask(db, { actor, project }, cache))!;
        const n = Number(/text (\d+)/.exec(claimed.item.text!)![1]);
        await submitAnnotation(db, { actor, taskId: claimed.task.id, result: said(answers[n]![k]!) }, cache);
      }
    }
    // Accepted on their agreement: 0, 1, 2 and 4. An expert settled 3 (Ada was right); 5 waits for the experts.
    const state = (i: number, stage: 'accepted' | 'adjudication', sentiment: string) =>
      ({ projectId: project.id, itemId: items[i]!, stage, consensus: said(sentiment), method: 'weighted vote', confidence: null, agreement: null, reason: 'test' });
    await saveItemStates(db, [state(0, 'accepted', 'positive'), state(1, 'accepted', 'positive'), state(2, 'accepted', 'positive'), state(4, 'accepted', 'negative'), state(5, 'adjudication', 'positive')]);
    await setKnownAnswer(db, project.id, items[3]!, said('positive'), 'adjudication', null);

    const sentiment = (await projectQuality(db, project, cache)).controls.find((c) => c.control === 'sentiment')!;
    assert.deepEqual(sentiment.labels, ['negative', 'positive']);
    assert.deepEqual(sentiment.confusion, [
      // Bob, who agrees least, first: rows are the settled label (negative, positive), columns what he gave.
      { worker: bob.user.name, answers: 5, agreed: 4, unsettled: 1, counts: [[1, 0], [1, 3]] },
      { worker: ada.user.name, answers: 5, agreed: 5, unsettled: 1, counts: [[1, 0], [0, 4]] },
    ]);
  });

  it("compares a vendor's own reader's answers only with the settled labels of items their pools alone answered", async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 3 });
    const [vendor, crowd] = [await makePool(db, { key: `sv-${ctx.engine}`, kind: 'vendor' }), await makePool(db, { key: `sc-${ctx.engine}`, kind: 'crowd' })];
    const slot = (poolId: number) => ({ poolId, memberRole: null, priority: 0, routedBy: null });
    // Items 0 and 1: two vendor answers each; item 2: two vendor answers and a crowd one.
    const items = await insertItemsWithTasks(db, project.id, [0, 1, 2].map((i) => textItem(`Sentence ${i}.`)), [[slot(vendor.id), slot(vendor.id)], [slot(vendor.id), slot(vendor.id)], [slot(vendor.id), slot(vendor.id), slot(crowd.id)]]);
    const tasks = await db.selectFrom('tasks').select(['id', 'item_id as itemId']).where('project_id', '=', project.id).orderBy('id').execute();
    const [ada, bob, cy] = [await makeUser(db), await makeUser(db), await makeUser(db)];
    const said = (sentiment: string): AnnotationResult => ({ choices: { sentiment: [sentiment] }, regions: [] });
    const answer = (taskId: number, itemId: number, annotatorId: number, sentiment: string) =>
      insertAnnotation(db, { projectId: project.id, itemId, taskId, annotatorId, source: 'human', schemaVersion: 1, guidelinesVersion: 1, result: said(sentiment), timeSpentMs: null, supersedesId: null });
    for (const [k, itemId] of items.entries()) {
      const [first, second, third] = tasks.filter((t) => t.itemId === itemId);
      await answer(first!.id, itemId, ada.id, 'positive');
      await answer(second!.id, itemId, bob.id, k === 2 ? 'negative' : 'positive');
      if (third) await answer(third.id, itemId, cy.id, 'positive');
    }
    await saveItemStates(db, items.map((itemId) => ({ projectId: project.id, itemId, stage: 'accepted' as const, consensus: said('positive'), method: 'weighted vote', confidence: null, agreement: null, reason: 'test' })));
    const counted = async (scope: { ids: number[]; keys: string[] } | null) =>
      (await projectQuality(db, project, cache, scope)).controls.find((c) => c.control === 'sentiment')!.confusion.map((w) => [w.worker, w.answers, w.agreed, w.unsettled]).sort();
    assert.deepEqual(await counted(null), [[ada.name, 3, 3, 0], [bob.name, 3, 2, 0], [cy.name, 1, 1, 0]].sort());
    // The vendor's reader: item 2's label comes from the crowd's answer too; beside Bob's it would say what the crowd answered.
    assert.deepEqual(await counted({ ids: [vendor.id], keys: [vendor.key] }), [[ada.name, 2, 2, 1], [bob.name, 2, 2, 1]].sort());
  });
});
