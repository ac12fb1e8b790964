/**
 * The access matrix: every route that returns item data × a user of each pool kind × items of each
 * sensitivity and region. Nothing leaks — the answer is the same 404 as for a missing item — and
 * every allowed read is in the audit trail with the pool it went through.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { mayPoolSee } from '../core/routing/route-item.ts';
import { SENSITIVITIES, type Pool, type Sensitivity } from '../core/workforce.ts';
import { createPool, addPoolMember } from '../services/manage-pools.ts';
import { setRoutingPolicy } from '../services/routing/set-routing-policy.ts';
import { loadTaskPlanner } from '../services/routing/task-planner.ts';
import { insertItemsWithTasks } from '../store/items.ts';
import { saveItemStates } from '../store/item-states.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import { actorOf, makeProject, makeUser, textItem } from '../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';

const REGIONS = ['eu', 'us'] as const;
const READ_ROUTES = ['', '/content', '/annotations', '/predictions'];
const poolDefaults = { vendor: null, costModel: null, skills: [], capacityHoursPerWeek: null, timeZone: null, sla: {} };

describeEachEngine('the access matrix', (ctx) => {
  let t: TestApp;
  const users: { name: string; cookie: string; userId: number; pool: Pool; reviewer: boolean }[] = [];
  const items: { id: number; sensitivity: Sensitivity; region: string }[] = [];
  let projectId: number;

  before(async () => {
    t = await startTestApp(ctx.store);
    const db = ctx.store.db;
    const manager = actorOf(await makeUser(db, 'manager'));
    const s = `${Date.now() % 100000}`;
    const pools = await ctx.store.transaction(async (tx) => ({
      in_house: await createPool(tx, manager, { ...poolDefaults, key: `ih-${s}`, name: 'In-house', kind: 'in_house', clearance: 'restricted', regions: ['*'], languages: ['*'] }),
      vendor: await createPool(tx, manager, { ...poolDefaults, key: `vd-${s}`, name: 'Vendor', kind: 'vendor', clearance: 'internal', regions: ['eu'], languages: ['en'] }),
      crowd: await createPool(tx, manager, { ...poolDefaults, key: `cr-${s}`, name: 'Crowd', kind: 'crowd', clearance: 'public', regions: ['*'], languages: ['en'] }),
    }));
    for (const [name, pool, role, globalRole] of [
      ['in-house annotator', pools.in_house, 'annotator', 'annotator'],
      ['vendor annotator', pools.vendor, 'annotator', 'annotator'],
      ['crowd annotator', pools.crowd, 'annotator', 'annotator'],
      ['vendor reviewer', pools.vendor, 'reviewer', 'reviewer'],
    ] as const) {
      const { user, cookie } = await t.signedIn(globalRole);
      await ctx.store.transaction((tx) => addPoolMember(tx, manager, pool.id, { email: user.email, role }));
      users.push({ name, cookie, userId: user.id, pool, reviewer: globalRole === 'reviewer' });
    }
    t.ctx.work.forgetWorkforce();

    const project = await makeProject(ctx.store, { overlap: 3 });
    projectId = project.id;
    // Everything is offered to every pool: only the hard limits decide.
    const policy = { rules: [{ name: 'everyone', when: {}, to: [pools.in_house, pools.vendor, pools.crowd].map((p) => ({ pool: p.key, weight: 1 })) }] };
    await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: manager, project, policy }));
    const records = SENSITIVITIES.flatMap((sensitivity) => REGIONS.map((region) => textItem(`${sensitivity} text from ${region}`, { sensitivity, region })));
    const planner = await loadTaskPlanner(db, project);
    const ids = await insertItemsWithTasks(db, project.id, records, records.map((r, i) => planner.slots({ ...r, confidence: null, position: i }, i)));
    ids.forEach((id, i) => items.push({ id, sensitivity: records[i]!.sensitivity, region: records[i]!.region! }));
    // Every annotator takes all the work they can get (and so may read those items afterwards).
    for (const u of users.filter((x) => !x.reviewer)) {
      for (;;) {
        const r = await t.request({ method: 'POST', url: `/api/v1/projects/${project.id}/tasks/next`, cookie: u.cookie });
        if (r.statusCode === 204) break;
        assert.equal(r.statusCode, 200, r.body);
        const { task, item } = r.json() as { task: { id: number }; item: { id: number } };
        const facts = items.find((x) => x.id === item.id)!;
        assert.equal(mayPoolSee(u.pool, { ...facts, language: 'en' }), null, `${u.name} was handed item ${item.id} (${facts.sensitivity}, ${facts.region})`);
        await t.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/annotations`, cookie: u.cookie, payload: { result: { choices: { sentiment: ['positive'] }, regions: [] } } });
      }
    }
    // And one misrouted hand-out behind routing's back: the vendor annotator assigned a restricted US item.
    const leak = items.find((x) => x.sensitivity === 'restricted' && x.region === 'us')!;
    await db.updateTable('tasks').set({ assignee_id: users[1]!.userId }).where('item_id', '=', leak.id).where('assignee_id', 'is', null).execute().catch(() => undefined);
    await db.deleteFrom('audit_outbox').execute();
  });
  after(async () => t.close());

  it('answers each read as the pool limits say, and records each allowed read', async () => {
    let allowed = 0;
    for (const u of users) {
      for (const item of items) {
        const visible = mayPoolSee(u.pool, { ...item, language: 'en' }) === null;
        for (const route of READ_ROUTES) {
          const r = await t.request({ method: 'GET', url: `/api/v1/items/${item.id}${route}`, cookie: u.cookie });
          if (!visible) {
            assert.equal(r.statusCode, 404, `${u.name} read ${item.sensitivity}/${item.region} item through ${route || '/'}: ${r.statusCode}`);
            assert.doesNotMatch(r.body, /text from/, 'no content in the refusal');
          } else if (r.statusCode === 200) {
            allowed++;
          } else {
            assert.equal(r.statusCode, 404);
            assert.ok(!u.reviewer, `${u.name} should see ${item.sensitivity}/${item.region}`);
          }
        }
      }
    }
    const events = await ctx.store.db.selectFrom('audit_outbox').selectAll().where('action', 'in', ['item.read', 'item.redacted_read']).execute();
    assert.equal(events.length, allowed, 'one audit event per allowed read');
    for (const e of events) {
      const u = users.find((x) => x.userId === Number(e.actor_id))!;
      assert.equal(Number(e.pool_id), u.pool.id, 'the read is recorded with the pool it went through');
    }
    assert.ok(allowed > 0);
  });

  it('keeps the review queue and the routing explanation within the pool and role', async () => {
    const reviewer = users[3]!;
    // Every labelled item waits for review, whichever pool labelled it: the queue then holds items
    // the vendor may not see.
    const labelled = [...new Set((await ctx.store.db.selectFrom('annotations').select('item_id').where('project_id', '=', projectId).execute()).map((r) => r.item_id))];
    await saveItemStates(ctx.store.db, labelled.map((itemId) => ({ projectId, itemId, stage: 'review', consensus: null, method: 'test', confidence: null, agreement: null, reason: 'sampled' })));
    const queue = await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/review-queue?limit=100`, cookie: reviewer.cookie });
    assert.equal(queue.statusCode, 200);
    const shown = (queue.json() as { items: { item: { id: number } }[] }).items.map((e) => e.item.id);
    assert.ok(shown.length > 0, 'the vendor reviewer has work to review');
    for (const id of shown) {
      const facts = items.find((x) => x.id === id)!;
      assert.equal(mayPoolSee(reviewer.pool, { ...facts, language: 'en' }), null, 'the review queue shows only what the pool may see');
    }
    assert.ok(labelled.length > shown.length, 'items the vendor may not see wait for review too, and are left out');
    // Only the vendor's own annotators' work, though the in-house and crowd annotators labelled the same items.
    const entries = (queue.json() as { items: { annotations: { id: number; annotatorId: number }[] }[] }).items;
    for (const e of entries) for (const a of e.annotations) assert.equal(a.annotatorId, users[1]!.userId, 'the vendor reviewer sees the vendor’s work only');
    const inHouseWork = await ctx.store.db.selectFrom('annotations').select('id').where('project_id', '=', projectId).where('annotator_id', '=', users[0]!.userId).executeTakeFirstOrThrow();
    const judged = await t.request({ method: 'POST', url: `/api/v1/annotations/${inHouseWork.id}/reviews`, cookie: reviewer.cookie, payload: { decision: 'accept' } });
    assert.equal(judged.statusCode, 404, 'nor judges another pool’s work');
    const own = entries[0]!.annotations[0]!;
    const accepted = await t.request({ method: 'POST', url: `/api/v1/annotations/${own.id}/reviews`, cookie: reviewer.cookie, payload: { decision: 'accept' } });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const explain = await t.request({ method: 'GET', url: `/api/v1/items/${items[0]!.id}/route`, cookie: users[1]!.cookie });
    assert.ok([403, 404].includes(explain.statusCode), `annotators do not read routing explanations: ${explain.statusCode}`);
  });

  it('shows a vendor reviewer the quality figures of their own pool only', async () => {
    const reviewer = users[3]!;
    const asVendor = await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/quality`, cookie: reviewer.cookie });
    assert.equal(asVendor.statusCode, 200, asVendor.body);
    type Figures = { pools: string[] | null; controls: { agreement: { byPool: { pool: string }[] }; confusion: { worker: string }[] }[] };
    const scoped = asVendor.json() as Figures;
    assert.deepEqual(scoped.pools, [reviewer.pool.key]);
    // The vendor's team lead (an annotator by account, the pool's manager) reads the same scoped figures.
    const lead = await t.signedIn('annotator');
    const manager = actorOf(await makeUser(ctx.store.db, 'manager'));
    await ctx.store.transaction((tx) => addPoolMember(tx, manager, reviewer.pool.id, { email: lead.user.email, role: 'manager' }));
    t.ctx.work.forgetWorkforce();
    const asLead = await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/quality`, cookie: lead.cookie });
    assert.equal(asLead.statusCode, 200, asLead.body);
    assert.deepEqual((asLead.json() as Figures).pools, [reviewer.pool.key]);
    const asAnnotator = await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/quality`, cookie: users[1]!.cookie });
    assert.equal(asAnnotator.statusCode, 403, 'an annotator reads no quality figures');
    const { cookie } = await t.signedIn('manager');
    const whole = (await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/quality`, cookie })).json() as Figures;
    assert.equal(whole.pools, null, 'staff see every pool');
    const poolsOf = (f: Figures) => new Set(f.controls.flatMap((c) => c.agreement.byPool.map((p) => p.pool)));
    assert.ok(poolsOf(whole).size > 1, 'the work of several pools is measured');
    assert.deepEqual([...poolsOf(scoped)], [reviewer.pool.key], 'the vendor sees its own pool’s row, and no other');
    const others = users.filter((u) => u.pool.id !== reviewer.pool.id).map((u) => u.userId);
    const names = new Set((await ctx.store.db.selectFrom('users').select('name').where('id', 'in', others).execute()).map((u) => u.name));
    const wholeWorkers = whole.controls.flatMap((c) => c.confusion.map((w) => w.worker));
    assert.ok(wholeWorkers.some((w) => names.has(w)), 'staff see the other pools’ annotators');
    for (const c of scoped.controls) for (const w of c.confusion) assert.ok(!names.has(w.worker), `${w.worker} is of another pool`);

    // Where the items stand, for the team lead: the items their pool worked on, on the quality page and the projects' list alike.
    const db = ctx.store.db;
    const labelled = [...new Set((await db.selectFrom('annotations').select('item_id').where('project_id', '=', projectId).execute()).map((r) => r.item_id))];
    const vendorDone = await db.selectFrom('tasks').select('item_id').where('project_id', '=', projectId).where('pool_id', '=', reviewer.pool.id).where('status', '=', 'done').execute();
    const vendorItems = new Set(vendorDone.map((r) => r.item_id));
    assert.ok(vendorItems.size > 0 && labelled.length > vendorItems.size, 'other pools labelled items the vendor did not');
    await saveItemStates(db, labelled.map((itemId) => ({ projectId, itemId, stage: 'accepted', consensus: null, method: 'test', confidence: null, agreement: vendorItems.has(itemId) ? 1 : 0, reason: 'test' })));
    type Stages = { accepted: number; meanAgreement: number | null };
    const standing = async (reader: string) => {
      const page = ((await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/quality`, cookie: reader })).json() as { stages: Stages }).stages;
      const list = (await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/stages`, cookie: reader })).json() as Stages;
      assert.deepEqual([list.accepted, list.meanAgreement], [page.accepted, page.meanAgreement], 'the list of projects says what the quality page says');
      return [page.accepted, page.meanAgreement];
    };
    assert.deepEqual(await standing(lead.cookie), [vendorItems.size, 1], 'no other pool’s items, nor their agreement');
    const [accepted, agreement] = await standing(cookie);
    assert.equal(accepted, labelled.length, 'staff see the whole project');
    assert.ok(Math.abs(agreement! - vendorItems.size / labelled.length) < 1e-9, `${agreement}`);
  });

  it('answers a submission to a task of a project the pool gets no work from as for a missing task, whatever its state', async () => {
    const crowd = users[2]!;
    const inHouse = users[0]!;
    const other = await makeProject(ctx.store);
    await insertItemsWithTasks(ctx.store.db, other.id, [textItem('first'), textItem('second')], 1);
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/projects/${other.id}`, cookie: crowd.cookie })).statusCode, 404, 'the crowd may not open it');
    const held = (await t.request({ method: 'POST', url: `/api/v1/projects/${other.id}/tasks/next`, cookie: inHouse.cookie })).json().task.id as number;
    const queued = (await ctx.store.db.selectFrom('tasks').select('id').where('project_id', '=', other.id).where('status', '=', 'queued').executeTakeFirstOrThrow()).id;
    const payload = { result: { choices: { sentiment: ['positive'] }, regions: [] } };
    const answer = async (taskId: number, action = 'annotations') => {
      const r = await t.request({ method: 'POST', url: `/api/v1/tasks/${taskId}/${action}`, cookie: crowd.cookie, ...(action === 'annotations' && { payload }) });
      return { status: r.statusCode, body: r.body.replace(String(taskId), 'ID') };
    };
    const missing = await answer(999_999_999);
    assert.equal(missing.status, 404);
    for (const taskId of [held, queued]) {
      for (const action of ['annotations', 'skip', 'release', 'renew']) assert.deepEqual(await answer(taskId, action), missing, `${action} on task ${taskId}`);
    }
  });

  it('fills a queue page past the head of items the pool may not see', async () => {
    const reviewer = users[3]!;
    const db = ctx.store.db;
    const labelled = [...new Set((await db.selectFrom('annotations').select('item_id').where('project_id', '=', projectId).execute()).map((r) => r.item_id))];
    const visible = labelled.filter((id) => mayPoolSee(reviewer.pool, { ...items.find((x) => x.id === id)!, language: 'en' }) === null);
    assert.ok(visible.length >= 2 && labelled.length - visible.length >= 2, 'both kinds wait');
    // The vendor's work on every item it may see waits again (a test above accepted some of it).
    await db.deleteFrom('reviews').where('project_id', '=', projectId).execute();
    for (const stage of ['review', 'adjudication'] as const) {
      await saveItemStates(db, labelled.map((itemId) => ({ projectId, itemId, stage, consensus: null, method: 'test', confidence: null, agreement: null, reason: 'sampled' })));
      // What the vendor may not see entered the stage first: a page cut before the access check was empty.
      await db.updateTable('item_states').set({ updated_at: new Date('2020-01-01T00:00:00Z') }).where('project_id', '=', projectId).where('item_id', 'not in', visible).execute();
      const url = stage === 'review' ? 'review-queue' : 'adjudication-queue';
      const page = await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/${url}?limit=2`, cookie: reviewer.cookie });
      assert.equal(page.statusCode, 200, page.body);
      const body = page.json() as { items: { item: { id: number } }[]; cutShort: boolean };
      assert.equal(body.items.length, 2, `${stage}: a full page of what the vendor may see`);
      for (const e of body.items) assert.ok(visible.includes(e.item.id), `${stage}: item ${e.item.id} is within the pool limits`);
      assert.equal(body.cutShort, false);
    }
    // The vendor annotator labelled items now with the experts, but reads nobody else's answers there.
    const annotator = users[1]!;
    const theirs = await db.selectFrom('annotations').select('item_id').where('project_id', '=', projectId).where('annotator_id', '=', annotator.userId).execute();
    assert.ok(theirs.length > 0);
    const asAnnotator = await t.request({ method: 'GET', url: `/api/v1/projects/${projectId}/adjudication-queue?limit=100`, cookie: annotator.cookie });
    assert.equal(asAnnotator.statusCode, 200, asAnnotator.body);
    assert.deepEqual((asAnnotator.json() as { items: unknown[] }).items, [], 'no adjudication entries, with everyone’s answers, for an annotator');
  });
});
