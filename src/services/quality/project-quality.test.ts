import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult } from '../../core/label-schema.ts';
import { actorOf, addTextItems, makePool, makeProject, makeUser } from '../../../test/support/fixtures.ts';
import { insertAnnotation } from '../../store/annotations.ts';
import { insertGoldResult } from '../../store/gold-results.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWorkCache } from '../work-cache.ts';
import { projectQuality } from './project-quality.ts';

describeEachEngine('the quality of a project', (ctx) => {
  const cache = createWorkCache();

  it('measures agreement on spans as on choices, and estimates confusion only from items two annotators share', async () => {
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
      sentiment.confusion.map((w) => [w.worker, w.answers]).sort(),
      [[ada.user.name, 6], [bob.user.name, 6]].sort(),
      "Ada's seventh answer, on a sentence nobody else labelled, says nothing about her",
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
    assert.deepEqual(sentiment.confusion.map((w) => [w.worker, w.answers]).sort(), [[ada.user.name, 5], [bob.user.name, 5]].sort(), 'the reviewer is no annotator');
    assert.equal(sentiment.agreement.project.percentAgreement, 1, "Bob's own answer is what he is measured by");
  });
});
