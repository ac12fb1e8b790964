/**
 * Nobody adjudicates an item they labelled: the claim (alone and in a batch) passes it over, the
 * expert's count leaves it out though their queue still shows it, escalation sends it only where
 * someone may take it, and an adjudication taken before that rule held does not become the label.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Actor } from '../core/users.ts';
import { stageWorkContexts } from '../core/work-contexts.ts';
import type { Pool } from '../core/workforce.ts';
import { knownAnswers } from '../store/onboarding.ts';
import { findItemState, saveItemStates } from '../store/item-states.ts';
import { setProjectPools, upsertMember } from '../store/pools.ts';
import { insertStageTask } from '../store/routing.ts';
import type { ClaimQuery } from '../store/task-claims.ts';
import { claimForMany } from '../store/task-claims-together.ts';
import { actorOf, addTextItems, makePool, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { claimNextTask } from './claim-next-task.ts';
import { membershipsFor } from './project-access.ts';
import { adjudicationQueueCount, adjudicationQueuePage } from './quality/queue-pages.ts';
import { escalateItem } from './routing/escalate-item.ts';
import { setRoutingPolicy } from './routing/set-routing-policy.ts';
import { submitAnnotation } from './submit-annotation.ts';
import { createWorkCache, type WorkCache } from './work-cache.ts';
import { drainWorkflow } from './workflow/advance-workflow.ts';

const said = (sentiment: string): AnnotationResult => ({ choices: { sentiment: [sentiment] }, regions: [] });

describeEachEngine('adjudicating an item one labelled', (ctx) => {
  /**
   * Items A and B, two answers each (overlap 2): A labelled by the expert and an annotator, B by two
   * annotators (the expert labelled A only); the in-house pool's experts (the expert, and a second one unless `alone`) are its
   * only experts. Nothing is settled: each test puts the items with the experts its own way.
   */
  async function labelled(options: { alone?: boolean } = {}) {
    const db = ctx.store.db;
    const cache = createWorkCache();
    const project = await makeProject(ctx.store, { overlap: 2 });
    const [a, b] = await addTextItems(db, project, 2);
    const pool = await makePool(db, { kind: 'in_house' });
    await setProjectPools(db, project.id, [pool.id]);
    const expert = actorOf(await makeUser(db));
    await upsertMember(db, pool.id, expert.user.id, 'expert');
    const other = options.alone ? null : actorOf(await makeUser(db));
    if (other) await upsertMember(db, pool.id, other.user.id, 'expert');
    const [x, y] = [actorOf(await makeUser(db)), actorOf(await makeUser(db))];
    const label = async (actor: Actor, itemId: number) => {
      const claimed = (await claimNextTask(db, { actor, project }, cache))!;
      assert.equal(claimed.item.id, itemId);
      await submitAnnotation(db, { actor, taskId: claimed.task.id, result: said(actor === expert ? 'positive' : 'negative') }, cache);
    };
    // Claims take the queue's front, first slots first: A, B, then the second ones.
    await label(expert, a!);
    await label(x, b!);
    await label(y, a!);
    await label(y, b!);
    return { db, cache, project, pool, expert, other, a: a!, b: b! };
  }

  /** The items with the pool's experts, as escalation routed them before it looked at who labelled them. */
  async function withPoolExperts(db: typeof ctx.store.db, projectId: number, pool: Pool, itemIds: number[]) {
    await saveItemStates(db, itemIds.map((itemId) => ({ projectId, itemId, stage: 'adjudication' as const, consensus: null, method: 'weighted vote', confidence: null, agreement: 0, reason: 'low_agreement' })));
    for (const itemId of itemIds) await insertStageTask(db, { projectId, itemId, stage: 'adjudicate', poolId: pool.id, memberRole: 'expert', priority: 50, routedBy: null });
  }

  async function adjudicationQuery(project: Project, actor: Actor, cache: WorkCache): Promise<ClaimQuery> {
    const contexts = stageWorkContexts('adjudicate', actor.user.role, await membershipsFor(ctx.store.db, actor, cache));
    return { projectId: project.id, userId: actor.user.id, stage: 'adjudicate', leaseSeconds: 900, holding: [], contexts, readAudit: null };
  }

  it('passes over it in the claim and the count, though the expert’s queue still shows it', async () => {
    const { db, cache, project, pool, expert, other, a, b } = await labelled();
    await withPoolExperts(db, project.id, pool, [a, b]);
    const count = (actor: Actor) => adjudicationQueueCount(db, { actor, projectId: project.id, limit: 100 }, cache);
    assert.deepEqual(await count(expert), { waiting: 1, atLeast: false }, 'B only');
    assert.deepEqual(await count(other!), { waiting: 2, atLeast: false });
    const page = await adjudicationQueuePage(db, { actor: expert, projectId: project.id, limit: 20 }, cache);
    assert.deepEqual(page.entries.map((e) => e.item.id).sort(), [a, b].sort(), 'both are there to read');

    const first = await claimNextTask(db, { actor: expert, project, stage: 'adjudicate' }, cache);
    assert.equal(first?.item.id, b, 'A comes first in the queue, but one of its answers is the expert’s');
    assert.equal(await claimNextTask(db, { actor: expert, project, stage: 'adjudicate', holding: [first!.task.id] }, cache), null, 'and A is never theirs');
    assert.equal((await claimNextTask(db, { actor: other!, project, stage: 'adjudicate' }, cache))?.item.id, a);
  });

  it('passes over it in a batch of claims', async () => {
    const { db, cache, project, pool, expert, other, a, b } = await labelled();
    await withPoolExperts(db, project.id, pool, [a, b]);
    const claimers = await Promise.all([expert, other!].map(async (actor) => {
      const q = await adjudicationQuery(project, actor, cache);
      return { userId: q.userId, holding: q.holding, contexts: q.contexts, readAudit: null };
    }));
    const { claimed } = await claimForMany(db, { projectId: project.id, stage: 'adjudicate', leaseSeconds: 900 }, claimers, (n) => 2 * n + 4);
    assert.deepEqual([claimed.get(expert.user.id)?.item.id, claimed.get(other!.user.id)?.item.id], [b, a], 'the expert, first in the batch, is served B');
  });

  it('routes the adjudication to a pool only when one of its experts did not label the item', async () => {
    const { db, project, pool, expert, a, b } = await labelled({ alone: true });
    const manager = actorOf(await makeUser(db, 'manager'));
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy: { rules: [{ name: 'experts', when: {}, to: [{ pool: pool.key, weight: 1 }] }] } }));
    await ctx.store.transaction(async (tx) => {
      for (const itemId of [a, b]) await escalateItem(tx, { actor: null, project, itemId, reason: 'low_agreement', agreement: 0 });
    });
    const routes = await db.selectFrom('tasks').select(['item_id', 'pool_id', 'member_role']).where('project_id', '=', project.id).where('stage', '=', 'adjudicate').orderBy('item_id').execute();
    assert.deepEqual(routes.map((r) => [r.item_id, r.pool_id === null ? null : Number(r.pool_id), r.member_role]), [
      [a, null, null],
      [b, pool.id, 'expert'],
    ], 'A to in-house staff: the pool’s only expert labelled it and could never take it');
    assert.equal((await claimNextTask(db, { actor: expert, project, stage: 'adjudicate' }, createWorkCache()))?.item.id, b);
  });

  it('does not let an adjudication taken before stand: the task goes back for someone else, whose answer is the label', async () => {
    const { db, cache, project, pool, expert, a } = await labelled({ alone: true });
    await withPoolExperts(db, project.id, pool, [a]);
    // Handed to the expert before claims looked at who labelled the item.
    const task = await db.selectFrom('tasks').select('id').where('item_id', '=', a).where('stage', '=', 'adjudicate').executeTakeFirstOrThrow();
    await db.updateTable('tasks').set({ status: 'leased', assignee_id: expert.user.id, claimed_at: new Date(), lease_expires_at: new Date(Date.now() + 900_000) }).where('id', '=', task.id).execute();
    const held = await claimNextTask(db, { actor: expert, project, stage: 'adjudicate' }, cache);
    assert.equal(held?.task.id, task.id, 'a lease they hold is resumed: it was handed out');
    const theirs = await submitAnnotation(db, { actor: expert, taskId: task.id, result: said('positive') }, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });

    const state = await findItemState(db, project.id, a);
    assert.deepEqual([state?.stage, state?.reason], ['adjudication', 'low_agreement'], 'still with the experts');
    assert.equal((await knownAnswers(db, project.id, [a])).get(a), undefined, 'no known answer from it');
    const reopened = await db.selectFrom('tasks').select(['status', 'assignee_id', 'pool_id', 'member_role']).where('id', '=', task.id).executeTakeFirstOrThrow();
    assert.deepEqual(reopened, { status: 'queued', assignee_id: null, pool_id: null, member_role: null }, 'back in the queue, for in-house staff: the pool has no other expert');
    assert.equal(await claimNextTask(db, { actor: expert, project, stage: 'adjudicate' }, cache), null);

    const manager = actorOf(await makeUser(db, 'manager'));
    const again = await claimNextTask(db, { actor: manager, project, stage: 'adjudicate' }, cache);
    assert.equal(again?.task.id, task.id);
    const decided = await submitAnnotation(db, { actor: manager, taskId: task.id, result: said('negative') }, cache);
    assert.equal(decided.annotation.supersedesId, theirs.annotation.id, 'the answer replaces the expert’s');
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    const accepted = await findItemState(db, project.id, a);
    assert.deepEqual([accepted?.stage, accepted?.method, accepted?.consensus?.choices], ['accepted', 'adjudication', { sentiment: ['negative'] }]);
    assert.deepEqual((await knownAnswers(db, project.id, [a])).get(a)?.choices, { sentiment: ['negative'] });
  });
});

describeEachEngine('a token’s scopes in the claims of later stages', (ctx) => {
  it('takes an adjudication with the annotate scope (the final label is an annotation), a review only with the review scope', async () => {
    const db = ctx.store.db;
    const cache = createWorkCache();
    const project = await makeProject(ctx.store);
    const [itemId] = await addTextItems(db, project, 1);
    const pool = await makePool(db, { kind: 'in_house' });
    await setProjectPools(db, project.id, [pool.id]);
    const expert = await makeUser(db);
    await upsertMember(db, pool.id, expert.id, 'expert');
    await saveItemStates(db, [{ projectId: project.id, itemId: itemId!, stage: 'adjudication', consensus: null, method: 'weighted vote', confidence: null, agreement: 0, reason: 'low_agreement' }]);
    await insertStageTask(db, { projectId: project.id, itemId: itemId!, stage: 'adjudicate', poolId: pool.id, memberRole: 'expert', priority: 50, routedBy: null });
    const scoped = (user: Actor['user'], scopes: string[]): Actor => ({ user, via: 'token', scopes, tokenId: 1 });

    const refused = claimNextTask(db, { actor: scoped(expert, ['review']), project, stage: 'adjudicate' }, cache);
    await assert.rejects(refused, /this token's scopes \(review\) do not include annotate/);
    const taken = await claimNextTask(db, { actor: scoped(expert, ['annotate']), project, stage: 'adjudicate' }, cache);
    assert.equal(taken?.item.id, itemId);

    const reviewer = await makeUser(db, 'reviewer');
    await assert.rejects(claimNextTask(db, { actor: scoped(reviewer, ['annotate']), project, stage: 'review' }, cache), /this token's scopes \(annotate\) do not include review/);
    const annotator = actorOf(await makeUser(db));
    await assert.rejects(claimNextTask(db, { actor: annotator, project, stage: 'review' }, cache), /reviewing needs the reviewer role/);
  });
});
