/**
 * Escalation under a policy that names no experts (the demo's news policy): the adjudication must
 * land where an expert can take it, and what the experts' index counts is what they can open.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { LabelSchema } from '../../core/label-schema.ts';
import type { Project } from '../../core/projects.ts';
import type { RoutingPolicy } from '../../core/routing/policy.ts';
import type { Actor } from '../../core/users.ts';
import type { Pool } from '../../core/workforce.ts';
import { insertItemsWithTasks } from '../../store/items.ts';
import { itemTaskRoutes } from '../../store/routing.ts';
import { findItemState } from '../../store/item-states.ts';
import { stageCounts } from '../../store/stage-counts.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { actorOf, makeProject, makeUser, textItem } from '../../../test/support/fixtures.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { addPoolMember, createPool, pausePoolMember } from '../manage-pools.ts';
import { adjudicationQueueCount, adjudicationQueuePage } from '../quality/queue-pages.ts';
import { skipHeldTask } from '../task-actions.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { createWorkCache } from '../work-cache.ts';
import { drainWorkflow } from '../workflow/advance-workflow.ts';
import { escalateItem } from './escalate-item.ts';
import { setRoutingPolicy } from './set-routing-policy.ts';
import { loadTaskPlanner } from './task-planner.ts';

const poolDefaults = { vendor: null, costModel: null, skills: [], capacityHoursPerWeek: null, timeZone: null, sla: {}, regions: ['*'], languages: ['*'] };
/** Every annotator answers with a topic of their own: any two of them disagree. */
const schema: LabelSchema = { controls: [{ name: 'topic', kind: 'single_choice', labels: ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name, color: '#888888' })) }] };
let n = 0;

describeEachEngine('escalation to the experts', (ctx) => {
  let manager: Actor;
  let pools: Record<'inHouse' | 'acme' | 'crowd', Pool>;
  const people: Record<string, Actor> = {};
  const annotators = ['crowd1', 'crowd2', 'vendor1', 'vendor2', 'inhouse1', 'inhouse2'];

  before(async () => {
    const db = ctx.store.db;
    manager = actorOf(await makeUser(db, 'manager'));
    const suffix = `${++n}-${Date.now() % 100000}`;
    pools = await ctx.store.transaction(async (tx) => ({
      inHouse: await createPool(tx, manager, { ...poolDefaults, key: `in-house-${suffix}`, name: 'In-house', kind: 'in_house', clearance: 'restricted' }),
      acme: await createPool(tx, manager, { ...poolDefaults, key: `acme-${suffix}`, name: 'Acme', kind: 'vendor', vendor: 'Acme', clearance: 'internal' }),
      crowd: await createPool(tx, manager, { ...poolDefaults, key: `crowd-${suffix}`, name: 'Crowd', kind: 'crowd', clearance: 'public' }),
    }));
    const members = [['crowd1', pools.crowd], ['crowd2', pools.crowd], ['vendor1', pools.acme], ['vendor2', pools.acme], ['inhouse1', pools.inHouse], ['inhouse2', pools.inHouse], ['expert', pools.inHouse]] as const;
    for (const [name, pool] of members) {
      const user = await makeUser(db, 'annotator');
      await ctx.store.transaction((tx) => addPoolMember(tx, manager, pool.id, { email: user.email, role: name === 'expert' ? 'expert' : 'annotator' }));
      people[name] = actorOf(user);
    }
  });

  /** The demo's news policy: no rule names the experts. */
  const newsPolicy = (): RoutingPolicy => ({
    rules: [
      { name: 'confidential stays in-house', when: { sensitivityAtLeast: 'confidential' }, to: [{ pool: pools.inHouse.key, weight: 1 }] },
      { name: 'public to crowd and vendor', when: { sensitivity: ['public'] }, to: [{ pool: pools.crowd.key, weight: 1 }, { pool: pools.acme.key, weight: 1 }] },
      { name: 'the rest to the vendor', when: {}, to: [{ pool: pools.acme.key, weight: 3 }, { pool: pools.inHouse.key, weight: 1 }] },
    ],
  });

  async function newsProject(sensitivities: ('public' | 'internal' | 'confidential')[]): Promise<{ project: Project; itemIds: number[] }> {
    const project = await makeProject(ctx.store, { overlap: 2, schema });
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy: newsPolicy() }));
    const planner = await loadTaskPlanner(ctx.store.db, project);
    const records = sensitivities.map((sensitivity, i) => textItem(`Sentence ${i}.`, { sensitivity, externalId: `news-${i}` }));
    const itemIds = await insertItemsWithTasks(ctx.store.db, project.id, records, records.map((r, i) => planner.slots({ ...r, confidence: null, position: i }, i)));
    return { project, itemIds };
  }

  /** Everyone labels what they can take, each with their own topic: every item disagrees. */
  async function labelAll(project: Project, cache = createWorkCache()): Promise<void> {
    for (let progress = true; progress; ) {
      progress = false;
      for (const [i, name] of annotators.entries()) {
        const claimed = await claimNextTask(ctx.store.db, { actor: people[name]!, project, random: () => 0.99 }, cache);
        if (!claimed) continue;
        progress = true;
        await submitAnnotation(ctx.store.db, { actor: people[name]!, taskId: claimed.task.id, result: { choices: { topic: [schema.controls[0]!.labels[i]!.name] }, regions: [] } }, cache);
      }
    }
  }

  async function adjudicationTasks(project: Project, itemIds: number[]) {
    const routes = await Promise.all(itemIds.map((id) => itemTaskRoutes(ctx.store.db, project.id, id)));
    return routes.flatMap((r) => r.filter((t) => t.stage === 'adjudicate'));
  }

  it('sends disagreements only where an expert can adjudicate them, and the expert can open all they are counted', async () => {
    const { project, itemIds } = await newsProject(['public', 'public', 'public', 'internal', 'internal', 'internal', 'internal', 'confidential']);
    const cache = createWorkCache();
    await labelAll(project, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    for (const id of itemIds) assert.equal((await findItemState(ctx.store.db, project.id, id))?.stage, 'adjudication', `item ${id} is with the experts`);

    const tasks = await adjudicationTasks(project, itemIds);
    assert.equal(tasks.length, itemIds.length);
    const expertPools = new Set([null, pools.inHouse.id]);
    assert.deepEqual(tasks.filter((t) => !expertPools.has(t.poolId)), [], 'no adjudication went to the crowd or the vendor, who have no expert');

    const counted = await adjudicationQueueCount(ctx.store.db, { actor: people.expert!, projectId: project.id, limit: 100 }, cache);
    const opened: number[] = [];
    for (let claimed; (claimed = await claimNextTask(ctx.store.db, { actor: people.expert!, project, stage: 'adjudicate' }, cache)); ) {
      opened.push(claimed.item.id);
      await submitAnnotation(ctx.store.db, { actor: people.expert!, taskId: claimed.task.id, result: { choices: { topic: ['a'] }, regions: [] } }, cache);
    }
    assert.deepEqual([...opened].sort((a, b) => a - b), itemIds, 'the expert opens every item the index counted');
    assert.deepEqual(counted, { waiting: itemIds.length, atLeast: false });
  });

  it('sends work up to the in-house experts, never down to the vendor', async () => {
    const { project, itemIds } = await newsProject(['internal']);
    // However the item was planned (mostly to the vendor), in-house annotators did it here.
    await ctx.store.db.updateTable('tasks').set({ pool_id: pools.inHouse.id }).where('item_id', '=', itemIds[0]!).execute();
    const escalation = await ctx.store.transaction((tx) => escalateItem(tx, { actor: null, project, itemId: itemIds[0]!, reason: 'low_agreement', agreement: 0 }));
    assert.equal(escalation?.toPool, pools.inHouse.key);
    const [adjudication] = await adjudicationTasks(project, itemIds);
    assert.deepEqual([adjudication?.poolId, adjudication?.memberRole], [pools.inHouse.id, 'expert']);
  });

  it('leaves the work unrouted, for in-house staff and experts, when the pools above have no expert who may work', async () => {
    const { project, itemIds } = await newsProject(['internal']);
    await ctx.store.transaction((tx) => pausePoolMember(tx, manager, pools.inHouse.id, people.expert!.user.id, 'on leave'));
    try {
      const escalation = await ctx.store.transaction((tx) => escalateItem(tx, { actor: null, project, itemId: itemIds[0]!, reason: 'review_rejected' }));
      assert.deepEqual([escalation?.toPool, escalation?.rule], [null, null]);
      const [adjudication] = await adjudicationTasks(project, itemIds);
      assert.deepEqual([adjudication?.poolId, adjudication?.memberRole, adjudication?.routedBy], [null, null, null]);
    } finally {
      await ctx.store.transaction((tx) => pausePoolMember(tx, manager, pools.inHouse.id, people.expert!.user.id, null));
    }
  });
  it('puts an item an annotator flags as an edge case with the experts: its stage, the queue with the reason and the counts agree, until the expert decides', async () => {
    const db = ctx.store.db;
    const { project, itemIds } = await newsProject(['internal']);
    const itemId = itemIds[0]!;
    const cache = createWorkCache();
    const holders: { actor: Actor; taskId: number }[] = [];
    for (const name of annotators) {
      const claimed = holders.length < 2 ? await claimNextTask(db, { actor: people[name]!, project, random: () => 0.99 }, cache) : null;
      if (claimed) holders.push({ actor: people[name]!, taskId: claimed.task.id });
    }
    const [flagger, other] = holders;
    assert.ok(flagger && other, 'two annotators hold the item');
    const note = 'sarcasm, or not?';
    const escalation = await ctx.store.transaction(async (tx) => {
      await skipHeldTask(tx, flagger.actor, flagger.taskId, `edge case: ${note}`);
      return escalateItem(tx, { actor: flagger.actor, project, itemId, reason: 'edge_case', note });
    });
    assert.ok(escalation);
    const flagged = await findItemState(db, project.id, itemId);
    assert.deepEqual([flagged?.stage, flagged?.reason], ['adjudication', `edge_case: ${note}`]);

    // The other annotator's answer comes in: the engine leaves the item with the experts.
    await submitAnnotation(db, { actor: other.actor, taskId: other.taskId, result: { choices: { topic: ['a'] }, regions: [] } }, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    assert.equal((await findItemState(db, project.id, itemId))?.stage, 'adjudication');
    assert.equal((await stageCounts(db, project.id)).adjudication, 1);
    const page = await adjudicationQueuePage(db, { actor: people.expert!, projectId: project.id, limit: 20 }, cache);
    assert.deepEqual(page.entries.map((e) => [e.item.id, e.reason]), [[itemId, `edge_case: ${note}`]]);
    assert.deepEqual(await adjudicationQueueCount(db, { actor: people.expert!, projectId: project.id, limit: 100 }, cache), { waiting: 1, atLeast: false });
    // Flagged again (another annotator, a manager): still one adjudication.
    await ctx.store.transaction((tx) => escalateItem(tx, { actor: manager, project, itemId, reason: 'edge_case' }));
    assert.equal((await adjudicationTasks(project, [itemId])).length, 1);

    const claimed = await claimNextTask(db, { actor: people.expert!, project, stage: 'adjudicate' }, cache);
    assert.equal(claimed?.item.id, itemId);
    const final = { choices: { topic: ['b'] }, regions: [] };
    await submitAnnotation(db, { actor: people.expert!, taskId: claimed!.task.id, result: final }, cache);
    await drainWorkflow(ctx.store, cache, { settleSeconds: 0 });
    const decided = await findItemState(db, project.id, itemId);
    assert.deepEqual([decided?.stage, decided?.method, decided?.consensus], ['accepted', 'adjudication', final]);
    assert.equal((await stageCounts(db, project.id)).adjudication, 0);
    // The experts' word stands: a later flag does not reopen the item.
    assert.equal(await ctx.store.transaction((tx) => escalateItem(tx, { actor: null, project, itemId, reason: 'edge_case' })), null);
    assert.equal((await findItemState(db, project.id, itemId))?.stage, 'accepted');
    assert.equal((await adjudicationTasks(project, [itemId])).filter((t) => t.status === 'queued').length, 0);
  });
});
