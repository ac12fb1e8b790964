import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { AnnotationResult } from '../../core/label-schema.ts';
import type { Project } from '../../core/projects.ts';
import { qaPolicyOf } from '../../core/quality/qa-policy.ts';
import type { MemberRole } from '../../core/work-contexts.ts';
import type { Pool } from '../../core/workforce.ts';
import { claimNextTask } from '../../services/claim-next-task.ts';
import { submitAnnotation } from '../../services/submit-annotation.ts';
import { drainWorkflow } from '../../services/workflow/advance-workflow.ts';
import { insertItemsWithTasks } from '../../store/items.ts';
import { setProjectPools, upsertMember } from '../../store/pools.ts';
import { insertStageTask } from '../../store/routing.ts';
import { saveQaPolicy } from '../../store/workflow.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { actorOf, makePool, makeProject, makeUser, textItem } from '../../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';

type Span = { start: number; end: number; text?: string };
type Answer = { id: number; annotatorId: number | null; result: { regions: Span[] } };

/**
 * An item's answers and state as the readers of a project worked by several workforces get them:
 * a vendor's team lead and reviewer read their own pools' work only, on the text their pool sees.
 */
describeEachEngine('an item’s answers and state, for each reader', (ctx) => {
  let t: TestApp;
  let staff: { cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    staff = await t.signedIn('reviewer');
  });
  after(async () => t.close());

  const get = (url: string, who: { cookie: string }) => t.request({ method: 'GET', url, cookie: who.cookie });

  /** A signed-in member of the pool (a vendor's reviewer has the reviewer role, its team lead the annotator role). */
  async function member(pool: Pool, role: MemberRole) {
    const who = await t.signedIn(role === 'reviewer' ? 'reviewer' : 'annotator');
    await upsertMember(ctx.store.db, pool.id, who.user.id, role);
    return who;
  }

  /** A project whose QA policy reviews all work, with one item whose label tasks go to the pools given, one each. */
  async function project(text: string, pools: Pool[]): Promise<{ project: Project; itemId: number }> {
    const db = ctx.store.db;
    const made = await makeProject(ctx.store, { overlap: pools.length });
    await saveQaPolicy(db, made.id, qaPolicyOf({ reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, agreementThreshold: null }));
    await setProjectPools(db, made.id, pools.map((p) => p.id));
    const [itemId] = await insertItemsWithTasks(db, made.id, [textItem(text)], made.overlap);
    const tasks = await db.selectFrom('tasks').select('id').where('item_id', '=', itemId!).orderBy('id').execute();
    for (const [i, task] of tasks.entries()) await db.updateTable('tasks').set({ pool_id: pools[i]!.id }).where('id', '=', task.id).execute();
    return { project: made, itemId: itemId! };
  }

  it('shows an outside pool the consensus on the text it sees, as the annotations are', async () => {
    const acme = await makePool(ctx.store.db);
    const { project: p, itemId } = await project('Ada Lovelace opened a new office in London.', [acme]);
    const annotator = await member(acme, 'annotator');
    const [lead, reviewer] = [await member(acme, 'manager'), await member(acme, 'reviewer')];

    // The vendor marks the placeholder it sees as a person; it is stored on the original text.
    const claim = await t.request({ method: 'POST', url: `/api/v1/projects/${p.id}/tasks/next`, cookie: annotator.cookie, payload: {} });
    assert.equal(claim.statusCode, 200, claim.body);
    const seen = claim.json().item.text as string;
    const [start, end] = [seen.indexOf('['), seen.indexOf(']') + 1];
    assert.ok(start >= 0 && !seen.includes('Ada Lovelace'), seen);
    const result = { choices: { sentiment: ['positive'] }, regions: [{ control: 'entities', kind: 'span', label: 'PER', start, end, text: seen.slice(start, end) }] };
    const submitted = await t.request({ method: 'POST', url: `/api/v1/tasks/${claim.json().task.id}/annotations`, cookie: annotator.cookie, payload: { result } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    await drainWorkflow(ctx.store, t.ctx.work, { settleSeconds: 0 });

    const original = await get(`/api/v1/items/${itemId}/state`, staff);
    assert.equal(original.statusCode, 200, original.body);
    assert.deepEqual(original.json().consensus.regions.map((r: Span) => [r.start, r.end, r.text]), [[0, 12, 'Ada Lovelace']], 'staff read the original');

    for (const reader of [lead, reviewer]) {
      const text = (await get(`/api/v1/items/${itemId}`, reader)).json().text as string;
      assert.equal(text, seen);
      const answers = (await get(`/api/v1/items/${itemId}/annotations`, reader)).json().annotations as Answer[];
      const state = await get(`/api/v1/items/${itemId}/state`, reader);
      assert.equal(state.statusCode, 200, state.body);
      assert.doesNotMatch(state.body, /Ada Lovelace/);
      assert.equal(state.json().stage, 'review');
      const spans = (state.json().consensus.regions as Span[]).map((r) => [r.start, r.end, r.text]);
      assert.deepEqual(spans, [[start, end, text.slice(start, end)]], 'the consensus stands on the text the pool sees');
      assert.deepEqual(spans, answers[0]!.result.regions.map((r) => [r.start, r.end, r.text]), 'where the annotation stands');
    }
  });

  it('gives a vendor’s team lead and reviewer their pools’ answers only, and no figure drawn from the others’', async () => {
    const db = ctx.store.db;
    const [acme, beta, inHouse] = [await makePool(db), await makePool(db), await makePool(db, { kind: 'in_house' })];
    const { project: p, itemId } = await project('The meeting went well.', [acme, beta, inHouse]);
    const answer = (label: string): AnnotationResult => ({ choices: { sentiment: [label] }, regions: [] });
    const annotators = new Map<number, number>();
    for (const [pool, label] of [[acme, 'positive'], [beta, 'negative'], [inHouse, 'positive']] as const) {
      const who = actorOf(await makeUser(db));
      await upsertMember(db, pool.id, who.user.id, 'annotator');
      const claimed = (await claimNextTask(db, { actor: who, project: p }, t.ctx.work))!;
      assert.equal(claimed.task.poolId, pool.id);
      await submitAnnotation(db, { actor: who, taskId: claimed.task.id, result: answer(label) }, t.ctx.work);
      annotators.set(pool.id, who.user.id);
    }
    await drainWorkflow(ctx.store, t.ctx.work, { settleSeconds: 0 });
    const [acmeLead, acmeReviewer, betaLead, inHouseReviewer] = [await member(acme, 'manager'), await member(acme, 'reviewer'), await member(beta, 'manager'), await member(inHouse, 'reviewer')];
    const answersOf = async (reader: { cookie: string }) => {
      const response = await get(`/api/v1/items/${itemId}/annotations`, reader);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json().annotations as Answer[]).map((a) => a.annotatorId);
    };
    const everyone = [acme, beta, inHouse].map((pool) => annotators.get(pool.id));

    assert.deepEqual(await answersOf(acmeLead), [annotators.get(acme.id)], 'acme’s lead reads acme’s work, not beta’s nor the in-house one');
    assert.deepEqual(await answersOf(acmeReviewer), [annotators.get(acme.id)]);
    assert.deepEqual(await answersOf(betaLead), [annotators.get(beta.id)]);
    assert.deepEqual(await answersOf(inHouseReviewer), everyone, 'an in-house reviewer checks every workforce');
    assert.deepEqual(await answersOf(staff), everyone);
    // As reviewing it: the other pool's annotation is not found for acme's reviewer.
    const betaAnswer = (await get(`/api/v1/items/${itemId}/annotations`, staff)).json().annotations.find((a: Answer) => a.annotatorId === annotators.get(beta.id)) as Answer;
    const refused = await t.request({ method: 'POST', url: `/api/v1/annotations/${betaAnswer.id}/reviews`, cookie: acmeReviewer.cookie, payload: { decision: 'accept' } });
    assert.equal(refused.statusCode, 404, refused.body);

    // The consensus and the agreement are drawn from every answer: beside acme's own, they would say beta's.
    const full = (await get(`/api/v1/items/${itemId}/state`, staff)).json();
    assert.deepEqual(full.consensus.choices, { sentiment: ['positive'] });
    assert.equal(typeof full.agreement, 'number');
    for (const reader of [acmeLead, acmeReviewer, betaLead]) {
      const state = await get(`/api/v1/items/${itemId}/state`, reader);
      assert.equal(state.statusCode, 200, state.body);
      assert.deepEqual(state.json(), { stage: full.stage, consensus: null, method: null, confidence: null, agreement: null, reason: null });
    }

    // The experts of a pool the item's adjudication goes to decide it from everyone's answers.
    const expert = await member(acme, 'expert');
    assert.deepEqual(await answersOf(expert), [annotators.get(acme.id)], 'before the item is theirs to decide');
    await insertStageTask(db, { projectId: p.id, itemId, stage: 'adjudicate', poolId: acme.id, memberRole: 'expert', priority: 50, routedBy: null });
    assert.deepEqual(await answersOf(expert), everyone);
    assert.deepEqual((await get(`/api/v1/items/${itemId}/state`, expert)).json().consensus, full.consensus);
    assert.deepEqual(await answersOf(acmeLead), [annotators.get(acme.id)], 'not their team lead');
  });
});
