import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { isDomainError } from '../../core/errors.ts';
import type { Project } from '../../core/projects.ts';
import { presetPolicy } from '../../core/routing/policy.ts';
import type { Actor } from '../../core/users.ts';
import type { Pool } from '../../core/workforce.ts';
import { insertItemsWithTasks } from '../../store/items.ts';
import { setKnownAnswer, setOnboarding } from '../../store/onboarding.ts';
import { itemTaskRoutes } from '../../store/routing.ts';
import { FALLBACK_WINDOW } from '../../store/task-claims.ts';
import { actorOf, makeProject, makeUser, textItem } from '../../../test/support/fixtures.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { claimNextTask } from '../claim-next-task.ts';
import { addPoolMember, createPool, pausePoolMember } from '../manage-pools.ts';
import { acknowledgeGuidelines, takeQualification } from '../onboarding.ts';
import { submitAnnotation } from '../submit-annotation.ts';
import { skipHeldTask } from '../task-actions.ts';
import { createWorkCache } from '../work-cache.ts';
import { dryRunPolicy } from './dry-run-policy.ts';
import { escalateItem } from './escalate-item.ts';
import { explainRoute } from './explain-route.ts';
import { setRoutingPolicy } from './set-routing-policy.ts';
import { loadTaskPlanner } from './task-planner.ts';
import { findProject } from '../../store/projects.ts';

const poolDefaults = { vendor: null, costModel: null, skills: [], capacityHoursPerWeek: null, timeZone: null, sla: {} };
let n = 0;

describeEachEngine('hybrid workforce', (ctx) => {
  let manager: Actor;
  let pools: Record<'inHouse' | 'acme' | 'crowd', Pool>;
  const people: Record<string, Actor> = {};

  before(async () => {
    const db = ctx.store.db;
    manager = actorOf(await makeUser(db, 'manager'));
    const suffix = `${++n}-${Date.now() % 100000}`;
    pools = await ctx.store.transaction(async (tx) => ({
      inHouse: await createPool(tx, manager, { ...poolDefaults, key: `in-house-${suffix}`, name: 'In-house', kind: 'in_house', clearance: 'restricted', regions: ['*'], languages: ['*'] }),
      acme: await createPool(tx, manager, { ...poolDefaults, key: `acme-${suffix}`, name: 'Acme', kind: 'vendor', vendor: 'Acme', clearance: 'internal', regions: ['eu'], languages: ['en'] }),
      crowd: await createPool(tx, manager, { ...poolDefaults, key: `crowd-${suffix}`, name: 'Crowd', kind: 'crowd', clearance: 'public', regions: ['*'], languages: ['en'] }),
    }));
    for (const [name, pool, role] of [['inhouse', pools.inHouse, 'annotator'], ['expert', pools.inHouse, 'expert'], ['vendor', pools.acme, 'annotator'], ['vendor2', pools.acme, 'annotator'], ['crowd', pools.crowd, 'annotator']] as const) {
      const user = await makeUser(db, 'annotator');
      await ctx.store.transaction((tx) => addPoolMember(tx, manager, pool.id, { email: user.email, role }));
      people[name] = actorOf(user);
    }
  });

  /** A project under the preset, with items: 0 bulk, 1 edge case, 2 unsure, 3 confidential, 4 US-only, 5 French. */
  async function hybridProject(): Promise<{ project: Project; itemIds: number[] }> {
    const project = await makeProject(ctx.store);
    const policy = presetPolicy('vendors_bulk_experts_hard', { inHouse: [pools.inHouse.key], experts: [pools.inHouse.key], vendors: [pools.acme.key], crowd: [pools.crowd.key] });
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy }));
    const records = [
      textItem('bulk', { region: 'eu', modelConfidence: 0.9 }),
      textItem('edge', { region: 'eu', edgeCase: true, modelConfidence: 0.9 }),
      textItem('unsure', { region: 'eu', modelConfidence: 0.3 }),
      textItem('secret', { region: 'eu', sensitivity: 'confidential', modelConfidence: 0.9 }),
      textItem('american', { region: 'us', modelConfidence: 0.9 }),
      textItem('français', { region: 'eu', language: 'fr', modelConfidence: 0.9 }),
    ];
    const planner = await loadTaskPlanner(ctx.store.db, project);
    const slots = records.map((r, i) => planner.slots({ ...r, confidence: r.modelConfidence ?? null, position: i }, i));
    const itemIds = await insertItemsWithTasks(ctx.store.db, project.id, records, slots);
    return { project, itemIds };
  }

  async function claimsOf(actor: Actor, project: Project, cache = createWorkCache()): Promise<number[]> {
    const got: number[] = [];
    for (;;) {
      const c = await claimNextTask(ctx.store.db, { actor, project, holding: got.length ? [] : [] }, cache);
      if (!c) return got;
      got.push(c.item.id);
      await submitAnnotation(ctx.store.db, { actor, taskId: c.task.id, result: { choices: {}, regions: [] } }, cache);
    }
  }

  it('routes each item where its rule says, and no pool gets an item past its limits', async () => {
    const { project, itemIds } = await hybridProject();
    const routes = await Promise.all(itemIds.map((id) => itemTaskRoutes(ctx.store.db, project.id, id)));
    assert.deepEqual(
      routes.map((r) => [r[0]!.poolId, r[0]!.memberRole, r[0]!.routedBy]),
      [
        [pools.acme.id, null, 'bulk to vendors'],
        [pools.inHouse.id, 'expert', 'edge cases to experts'],
        [pools.inHouse.id, 'expert', 'low confidence to experts'],
        [null, null, null], // confidential: the vendor may not see it, no other rule fits
        [null, null, null], // US-only data: not in the vendor's regions
        [null, null, null], // French: not a language of the vendor
      ],
    );
    assert.deepEqual(await claimsOf(people.crowd!, project), [], 'the crowd gets nothing');
    assert.deepEqual(await claimsOf(people.vendor!, project), [itemIds[0]]);
    const expert = await claimsOf(people.expert!, project);
    assert.deepEqual(expert.slice(0, 2).sort(), [itemIds[1], itemIds[2]].sort(), 'experts take their expert work first');
    assert.deepEqual(expert.slice(2).sort(), [itemIds[3], itemIds[4], itemIds[5]].sort(), 'then the unrouted work in-house');
  });

  it('gives an in-house member unrouted work their pool may see from the front of the unrouted queue, however much of it they may not', async () => {
    const narrow = await ctx.store.transaction((tx) =>
      createPool(tx, manager, { ...poolDefaults, key: `narrow-${++n}-${Date.now() % 100000}`, name: 'In-house EU', kind: 'in_house', clearance: 'internal', regions: ['eu'], languages: ['*'] }),
    );
    const member = await makeUser(ctx.store.db, 'annotator');
    await ctx.store.transaction((tx) => addPoolMember(tx, manager, narrow.id, { email: member.email, role: 'annotator' }));
    const project = await makeProject(ctx.store);
    // No policy: everything is unrouted. US data first, which the EU pool may not see, then EU data.
    const records = [
      ...Array.from({ length: 20 }, (_, i) => textItem(`us ${i}`, { region: 'us' })),
      textItem('eu near', { region: 'eu' }),
      ...Array.from({ length: FALLBACK_WINDOW }, (_, i) => textItem(`us later ${i}`, { region: 'us' })),
      textItem('eu far', { region: 'eu' }),
    ];
    const itemIds = await insertItemsWithTasks(ctx.store.db, project.id, records, 1);
    const [near, far] = [itemIds[20]!, itemIds.at(-1)!];
    assert.deepEqual(await claimsOf(actorOf(member), project), [near], 'the EU item behind US data in the window; the one past it is out of reach');
    // Staff take the unrouted queue from its front: once they have worked through the US data the far item comes into reach.
    const staff = actorOf(await makeUser(ctx.store.db, 'annotator'));
    const cache = createWorkCache();
    for (let i = 0; i < 20 + FALLBACK_WINDOW; i++) {
      const c = await claimNextTask(ctx.store.db, { actor: staff, project }, cache);
      assert.ok(c && c.item.id !== far, 'staff take the queue in order');
      await submitAnnotation(ctx.store.db, { actor: staff, taskId: c.task.id, result: { choices: {}, regions: [] } }, cache);
    }
    assert.deepEqual(await claimsOf(actorOf(member), project), [far]);
  });

  it('gives an in-house member their pool’s work before unrouted work, whatever its priority', async () => {
    const project = await makeProject(ctx.store);
    const records = [textItem('unrouted, urgent'), textItem('in-house, routine')];
    const slots = [
      [{ poolId: null, memberRole: null, priority: 50, routedBy: null }],
      [{ poolId: pools.inHouse.id, memberRole: null, priority: 0, routedBy: 'rule' }],
    ];
    const [urgent, routine] = await insertItemsWithTasks(ctx.store.db, project.id, records, slots);
    assert.deepEqual(await claimsOf(people.inhouse!, project), [routine, urgent]);
  });

  it('holds the hard limits in the claim even when a task is routed wrongly', async () => {
    const { project, itemIds } = await hybridProject();
    // Force the confidential item's task to the vendor, as a broken rule or a bad migration might.
    await ctx.store.db.updateTable('tasks').set({ pool_id: pools.acme.id, member_role: null }).where('item_id', '=', itemIds[3]!).execute();
    assert.deepEqual(await claimsOf(people.vendor!, project), [itemIds[0]], 'the confidential item never reaches the vendor');
  });

  it('dry-runs, applies and explains a new policy, re-routing only unclaimed work', async () => {
    const { project, itemIds } = await hybridProject();
    const held = (await claimNextTask(ctx.store.db, { actor: people.vendor!, project }, createWorkCache()))!;
    const policy = presetPolicy('confidential_in_house', { inHouse: [pools.inHouse.key], experts: [], vendors: [pools.acme.key], crowd: [] });
    const dry = await dryRunPolicy(ctx.store.db, project, policy);
    assert.equal(dry.items, 6);
    assert.deepEqual(Object.fromEntries(dry.byPool.map((p) => [p.pool, p.items])), { [pools.acme.key]: 3, [pools.inHouse.key]: 1 });
    assert.equal(dry.unrouted, 2);
    const summary = await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy }));
    assert.equal(summary.version, 2);
    const edge = await itemTaskRoutes(ctx.store.db, project.id, itemIds[1]!);
    assert.deepEqual([edge[0]!.poolId, edge[0]!.routedBy], [pools.acme.id, 'the rest to vendors']);
    const stillHeld = await itemTaskRoutes(ctx.store.db, project.id, held.item.id);
    assert.deepEqual([stillHeld[0]!.status, stillHeld[0]!.routedBy], ['leased', 'bulk to vendors'], 'claimed work is not re-routed');
    const why = await explainRoute(ctx.store.db, project, itemIds[4]!);
    assert.equal(why.decision.rule, null);
    assert.match(why.decision.trace.map((t) => t.notes.join(' ')).join(' | '), /may not see it \(region: item must stay in us/);
  });

  it('escalates a flagged edge case to the in-house experts, keeping the history', async () => {
    const project = await makeProject(ctx.store, { overlap: 2 });
    const policy = presetPolicy('vendors_bulk_experts_hard', { inHouse: [pools.inHouse.key], experts: [pools.inHouse.key], vendors: [pools.acme.key], crowd: [] });
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy }));
    const planner = await loadTaskPlanner(ctx.store.db, project);
    const record = textItem('odd one', { region: 'eu', modelConfidence: 0.95 });
    const [itemId] = await insertItemsWithTasks(ctx.store.db, project.id, [record], [planner.slots({ ...record, confidence: 0.95, position: 0 }, 0)]);
    const cache = createWorkCache();
    const claimed = (await claimNextTask(ctx.store.db, { actor: people.vendor!, project }, cache))!;
    const escalation = await ctx.store.transaction(async (tx) => {
      await skipHeldTask(tx, people.vendor!, claimed.task.id, 'edge case');
      return escalateItem(tx, { actor: people.vendor!, project, itemId: itemId!, reason: 'edge_case' });
    });
    assert.equal(escalation?.toPool, pools.inHouse.key);
    const tasks = await itemTaskRoutes(ctx.store.db, project.id, itemId!);
    assert.deepEqual(tasks.map((t) => [t.stage, t.status, t.memberRole]), [['label', 'cancelled', null], ['label', 'cancelled', null], ['adjudicate', 'queued', 'expert']]);
    assert.equal(await claimNextTask(ctx.store.db, { actor: people.vendor2!, project }, cache), null, 'the vendor’s other annotators get nothing of it');
    const adjudication = await claimNextTask(ctx.store.db, { actor: people.expert!, project, stage: 'adjudicate' }, cache);
    assert.equal(adjudication?.item.id, itemId);
  });

  it('gives a paused member nothing until resumed', async () => {
    const { project } = await hybridProject();
    await ctx.store.transaction((tx) => pausePoolMember(tx, manager, pools.acme.id, people.vendor2!.user.id, 'gold accuracy under 80%'));
    assert.equal(await claimNextTask(ctx.store.db, { actor: people.vendor2!, project }, createWorkCache()), null);
    await ctx.store.transaction((tx) => pausePoolMember(tx, manager, pools.acme.id, people.vendor2!.user.id, null));
    assert.ok(await claimNextTask(ctx.store.db, { actor: people.vendor2!, project }, createWorkCache()));
  });

  it('asks for the guidelines to be acknowledged, and vendors to qualify, before work', async () => {
    const { project: p, itemIds } = await hybridProject();
    await setOnboarding(ctx.store.db, p.id, { requireAck: true, qualification: { itemIds: [itemIds[0]!], passMark: 1, appliesTo: ['vendor'] } });
    await setKnownAnswer(ctx.store.db, p.id, itemIds[0]!, { choices: { sentiment: ['positive'] }, regions: [] }, 'manual', null);
    const project = (await findProject(ctx.store.db, p.id))!;
    const step = async (actor: Actor) =>
      claimNextTask(ctx.store.db, { actor, project }, createWorkCache()).then(
        () => 'none',
        (e) => (isDomainError(e) && e.code === 'onboarding_required' ? (e.details as { step: string }).step : `unexpected ${e}`),
      );
    assert.equal(await step(people.vendor!), 'qualification');
    const schema = (await import('../../../test/support/fixtures.ts')).nerSchema;
    const failed = await ctx.store.transaction((tx) => takeQualification(tx, people.vendor!, project, schema, [{ itemId: itemIds[0]!, result: { choices: { sentiment: ['negative'] }, regions: [] } }]));
    assert.deepEqual([failed.passed, failed.score], [false, 0]);
    const passed = await ctx.store.transaction((tx) => takeQualification(tx, people.vendor!, project, schema, [{ itemId: itemIds[0]!, result: { choices: { sentiment: ['positive'] }, regions: [] } }]));
    assert.equal(passed.passed, true);
    assert.equal(await step(people.vendor!), 'guidelines');
    assert.equal(await step(people.expert!), 'guidelines', 'in-house people do not qualify, but read the guidelines');
    await acknowledgeGuidelines(ctx.store.db, people.vendor!, project, project.guidelinesVersion);
    assert.equal(await step(people.vendor!), 'none');
  });
});
