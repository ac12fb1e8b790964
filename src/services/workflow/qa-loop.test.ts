/**
 * The whole QA loop on the demo's workforce: overlap 3, gold tasks mixed in at 5%, a disagreement
 * that reaches adjudication (by staff: the expert labelled it), a reviewer's rejection that goes
 * back to its annotator, and an annotator paused for failing gold.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, it } from 'node:test';
import type { AnnotationResult } from '../../core/label-schema.ts';
import type { Project } from '../../core/projects.ts';
import { qaPolicyOf } from '../../core/quality/qa-policy.ts';
import type { Actor } from '../../core/users.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { FileStore } from '../../media/file-store.ts';
import { insertItemsWithTasks } from '../../store/items.ts';
import { setKnownAnswer } from '../../store/onboarding.ts';
import { findProject } from '../../store/projects.ts';
import { findCredentials } from '../../store/users.ts';
import { findItemState } from '../../store/item-states.ts';
import { saveQaPolicy } from '../../store/workflow.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { makeProject, textItem } from '../../../test/support/fixtures.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { reviewAnnotation } from '../review-annotation.ts';
import { loadTaskPlanner } from '../routing/task-planner.ts';
import { setRoutingPolicy } from '../routing/set-routing-policy.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWorkCache } from '../work-cache.ts';
import { drainWorkflow } from './advance-workflow.ts';

const said = (sentiment: string): AnnotationResult => ({ choices: { sentiment: [sentiment] }, regions: [] });
const SYSTEM: Actor = { user: { id: 0, email: 'test@atelier', name: 'test', role: 'admin', disabled: false, createdAt: new Date(0) }, via: 'system', scopes: null };

describeEachEngine('the QA loop on the demo', (ctx) => {
  const cache = createWorkCache();
  const people: Record<string, Actor> = {};
  let project: Project;
  let goldIds: number[] = [];
  let itemIds: number[] = [];
  // A fixed sequence of draws: every twentieth claim is a gold task (5%).
  let draws = 0;
  const random = () => (++draws % 20 === 0 ? 0 : 0.99);

  before(async () => {
    const db = ctx.store.db;
    await seedDemo(ctx.store, new FileStore(mkdtempSync(join(tmpdir(), 'atelier-qa-'))), { password: 'demo1234', images: 4, texts: 4 });
    for (const name of ['annotator', 'inhouse', 'expert', 'reviewer', 'manager']) {
      people[name] = { user: (await findCredentials(db, `${name}@demo.local`))!.user, via: 'session', scopes: null };
    }
    const created = await makeProject(ctx.store, { overlap: 3 });
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: SYSTEM, project: created, policy: { rules: [{ name: 'in-house', when: {}, to: [{ pool: 'in-house', weight: 1 }] }] } }));
    await saveQaPolicy(db, created.id, qaPolicyOf({ goldRate: 0.05, goldMinSamples: 2, goldMinAccuracy: 0.8, agreementThreshold: 0.7, reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, reworkTo: 'same' }));
    project = (await findProject(db, created.id))!;
    const planner = await loadTaskPlanner(db, project);
    const records = Array.from({ length: 50 }, (_, i) => textItem(`Sentence ${i}: the service was fine.`, { externalId: `q-${i}` }));
    itemIds = await insertItemsWithTasks(db, project.id, records, records.map((r, i) => planner.slots({ ...r, confidence: null, position: i }, i)));
    // Gold items with known answers, outside the queue.
    goldIds = await insertItemsWithTasks(db, project.id, [0, 1, 2, 3].map((i) => textItem(`Gold ${i}: wonderful!`, { externalId: `gold-${i}` })), 0);
    for (const id of goldIds) await setKnownAnswer(db, project.id, id, said('positive'), 'manual', null);
  });

  async function work(actor: Actor, answer: (itemId: number, gold: boolean) => AnnotationResult, max = 100): Promise<{ items: number[]; gold: number }> {
    const items: number[] = [];
    let gold = 0;
    for (let i = 0; i < max; i++) {
      const claimed = await claimNextTask(ctx.store.db, { actor, project, random }, cache);
      if (!claimed) break;
      const isGold = goldIds.includes(claimed.item.id);
      if (isGold) gold++;
      else items.push(claimed.item.id);
      await submitAnnotation(ctx.store.db, { actor, taskId: claimed.task.id, result: answer(claimed.item.id, isGold) }, cache);
    }
    return { items, gold };
  }

  it('runs label → consensus → review/adjudication → accepted, with gold and a pause', async () => {
    const db = ctx.store.db;
    const contested = itemIds[0]!;
    // annotator@ is careless on gold; inhouse@ and the expert are right; they split on the contested item.
    const a = await work(people.annotator!, (id, gold) => (gold ? said('negative') : id === contested ? said('negative') : said('positive')));
    await work(people.inhouse!, (id) => (id === contested ? said('negative') : said('positive')), 6);
    await work(people.expert!, (id) => (id === contested ? said('positive') : said('positive')), 6);
    assert.ok(a.gold >= 2, `gold tasks were mixed in (${a.gold})`);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });

    // The careless annotator is paused: no more work for them.
    assert.equal(await claimNextTask(db, { actor: people.annotator!, project, random }, cache), null, 'paused after failing gold');
    const paused = await db.selectFrom('pool_members').select(['paused_reason']).where('user_id', '=', people.annotator!.user.id).execute();
    assert.match(paused[0]!.paused_reason ?? '', /gold accuracy 0\.00 below 0\.80/);

    // Finish the labelling with the two others.
    await work(people.inhouse!, () => said('positive'));
    await work(people.expert!, () => said('positive'));
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });

    // Items everyone agreed on went to review (rate 1 here); the contested one: 2 of 3 said negative.
    const states = await Promise.all(itemIds.map((id) => findItemState(db, project.id, id)));
    assert.ok(states.every((s) => s !== null), 'every item settled');
    assert.ok(states.slice(1).every((s) => s!.stage === 'review' && s!.agreement === 1), 'agreed items wait for review (all in-house work is reviewed here)');

    // A reviewer rejects one of inhouse@'s answers: it goes back to them, reserved.
    const target = itemIds[3]!;
    const annotations = await db.selectFrom('annotations').selectAll().where('item_id', '=', target).where('annotator_id', '=', people.inhouse!.user.id).execute();
    await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: people.reviewer!, annotationId: annotations[0]!.id, decision: 'reject', comment: 'read it again' }, cache));
    const back = await claimNextTask(db, { actor: people.inhouse!, project, random: () => 0.99 }, cache);
    assert.equal(back?.item.id, target, 'the rejected work is back with its annotator');
    const redo = await submitAnnotation(db, { actor: people.inhouse!, taskId: back!.task.id, result: said('positive') }, cache);
    assert.equal(redo.annotation.supersedesId, annotations[0]!.id);

    // The contested item (two said negative, one positive: agreement 0.67 < 0.7) is with the
    // experts, but not with the expert: one of its answers is theirs. The in-house pool has no other
    // expert, so it is left to in-house staff rather than to a pool where nobody could take it.
    const contestedState = (await findItemState(db, project.id, contested))!;
    assert.deepEqual([contestedState.stage, contestedState.reason], ['adjudication', 'low_agreement']);
    const route = await db.selectFrom('tasks').select(['pool_id', 'member_role', 'status']).where('item_id', '=', contested).where('stage', '=', 'adjudicate').execute();
    assert.deepEqual(route, [{ pool_id: null, member_role: null, status: 'queued' }]);
    assert.equal(await claimNextTask(db, { actor: people.expert!, project, stage: 'adjudicate', random }, cache), null, 'the expert labelled it: not theirs to adjudicate');
    const adjudication = await claimNextTask(db, { actor: people.manager!, project, stage: 'adjudicate', random }, cache);
    assert.equal(adjudication?.item.id, contested, 'in-house staff have the contested item to adjudicate');
    assert.equal((await findItemState(db, project.id, adjudication.item.id))!.stage, 'adjudication');
    await submitAnnotation(db, { actor: people.manager!, taskId: adjudication.task.id, result: said('positive') }, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    const decided = (await findItemState(db, project.id, adjudication.item.id))!;
    assert.deepEqual([decided.stage, decided.method, decided.consensus?.choices], ['accepted', 'adjudication', { sentiment: ['positive'] }]);
    const known = await db.selectFrom('known_answers').select('source').where('item_id', '=', adjudication.item.id).executeTakeFirst();
    assert.equal(known?.source, 'adjudication', 'the adjudicated item becomes gold');

    // The reviewer accepts the rest of what waits for review: those items are accepted.
    const waiting = await db.selectFrom('item_states').select('item_id').where('project_id', '=', project.id).where('stage', '=', 'review').execute();
    assert.ok(waiting.length > 0);
    const first = waiting[0]!.item_id;
    const current = await db
      .selectFrom('annotations as a')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .select('a.id')
      .where('a.item_id', '=', first)
      .where('t.gold', '=', false)
      .where('t.stage', '=', 'label')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('annotations as n').select('n.id').whereRef('n.supersedes_id', '=', 'a.id'))))
      .execute();
    for (const row of current) await ctx.store.transaction((tx) => reviewAnnotation(tx, { actor: people.reviewer!, annotationId: row.id, decision: 'accept' }, cache));
    assert.equal((await findItemState(db, project.id, first))!.stage, 'accepted');
  });
});
