import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { User } from '../../core/users.ts';
import { listMembers } from '../../store/pools.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { makePool } from '../../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';

describeEachEngine('pool members routes', (ctx) => {
  let t: TestApp;
  let manager: { user: User; cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    manager = await t.signedIn('manager');
  });
  after(async () => t.close());

  const addMember = (poolId: number, who: { cookie: string }, email: string, role: string) =>
    t.request({ method: 'POST', url: `/api/v1/pools/${poolId}/members`, cookie: who.cookie, payload: { email, role } });
  const removeMember = (poolId: number, who: { cookie: string }, userId: number) => t.request({ method: 'DELETE', url: `/api/v1/pools/${poolId}/members/${userId}`, cookie: who.cookie });
  const roles = async (poolId: number) => Object.fromEntries((await listMembers(ctx.store.db, poolId)).map((m) => [m.userId, m.role]));

  it('refuses a pool whose time zone, region or language is not one, naming the field and why', async () => {
    const create = (body: Record<string, unknown>) =>
      t.request({ method: 'POST', url: '/api/v1/pools', cookie: manager.cookie, payload: { key: `zones-${process.pid}-${ctx.engine}`, name: 'Zones', kind: 'vendor', ...body } });
    const refused = await create({ timeZone: 'Mars/Olympus_Mons', regions: ['eu', 'Europe'], languages: ['en', 'en_US'] });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().error.code, 'invalid_input');
    const issues = Object.fromEntries(refused.json().error.details.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    assert.match(issues['timeZone'], /"Mars\/Olympus_Mons" is not a time zone of the IANA database/);
    assert.match(issues['regions[1]'], /"Europe" is not a region/);
    assert.match(issues['languages[1]'], /"en_US" is not a language tag/);
    assert.equal(Object.keys(issues).length, 3);
    const created = await create({ timeZone: 'UTC', regions: ['eu', '*'], languages: ['pt-BR', 'zh-Hant-TW'] });
    assert.equal(created.statusCode, 201, created.body);
    const changed = await t.request({ method: 'PATCH', url: `/api/v1/pools/${created.json().id}`, cookie: manager.cookie, payload: { timeZone: '+02:00' } });
    assert.equal(changed.statusCode, 400, changed.body);
    assert.match(changed.json().error.message, /timeZone: "\+02:00" is an offset/);
  });

  it('changes only the fields a PATCH names: the pool’s limits, cost model and SLA stay as they were', async () => {
    const crowd = await makePool(ctx.store.db, {
      kind: 'crowd', vendor: 'Crowdly', clearance: 'public', regions: ['eu'], languages: ['en', 'de'], skills: ['ner'],
      costModel: { type: 'per_label', amount: 0.05, currency: 'EUR' }, capacityHoursPerWeek: 400, timeZone: 'Europe/Berlin', sla: { turnaroundHours: 48, minGoldAccuracy: 0.9 },
    });
    const before = await t.request({ method: 'GET', url: `/api/v1/pools/${crowd.id}`, cookie: manager.cookie });
    const renamed = await t.request({ method: 'PATCH', url: `/api/v1/pools/${crowd.id}`, cookie: manager.cookie, payload: { name: 'Crowd renamed' } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const expected = { ...before.json(), name: 'Crowd renamed' };
    assert.deepEqual(renamed.json(), expected);
    const stored = await t.request({ method: 'GET', url: `/api/v1/pools/${crowd.id}`, cookie: manager.cookie });
    assert.deepEqual(stored.json(), expected);
    assert.equal(stored.json().clearance, 'public');
    assert.deepEqual(stored.json().costModel, { type: 'per_label', amount: 0.05, currency: 'EUR' });

    const empty = await t.request({ method: 'PATCH', url: `/api/v1/pools/${crowd.id}`, cookie: manager.cookie, payload: {} });
    assert.equal(empty.statusCode, 200, empty.body);
    assert.deepEqual(empty.json(), expected);
    const unknown = await t.request({ method: 'PATCH', url: `/api/v1/pools/${crowd.id}`, cookie: manager.cookie, payload: { nosuch: 1 } });
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.deepEqual(unknown.json().error.details.issues.map((i: { path: string }) => i.path), ['nosuch']);
    const typo = await t.request({ method: 'PATCH', url: `/api/v1/pools/${crowd.id}`, cookie: manager.cookie, payload: { sla: { turnaroundHour: 4 } } });
    assert.equal(typo.statusCode, 400, typo.body);
    assert.deepEqual(typo.json().error.details.issues.map((i: { path: string }) => i.path), ['sla.turnaroundHour']);
    assert.deepEqual((await t.request({ method: 'GET', url: `/api/v1/pools/${crowd.id}`, cookie: manager.cookie })).json(), expected);
  });

  it('keeps a pool manager from demoting or removing themselves; they still run the other members', async () => {
    const pool = await makePool(ctx.store.db);
    const lead = await t.signedIn('annotator');
    const worker = await t.signedIn('annotator');
    assert.equal((await addMember(pool.id, manager, lead.user.email, 'manager')).statusCode, 201);
    for (const role of ['reviewer', 'annotator', 'expert', 'manager']) {
      const demoted = await addMember(pool.id, lead, lead.user.email, role);
      assert.equal(demoted.statusCode, 403, `${role}: ${demoted.body}`);
      assert.match(demoted.json().error.message, /cannot change your own role/);
    }
    const removed = await removeMember(pool.id, lead, lead.user.id);
    assert.equal(removed.statusCode, 403, removed.body);
    assert.match(removed.json().error.message, /cannot remove yourself/);
    assert.equal((await roles(pool.id))[lead.user.id], 'manager');
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/pools/${pool.id}/queue`, cookie: lead.cookie })).statusCode, 200, 'still runs the pool');
    assert.equal((await addMember(pool.id, lead, worker.user.email, 'annotator')).statusCode, 201);
    assert.equal((await addMember(pool.id, lead, worker.user.email, 'reviewer')).statusCode, 201);
    assert.equal((await removeMember(pool.id, lead, worker.user.id)).statusCode, 204);
  });

  it('keeps a pool manager from demoting, removing or pausing another manager of the pool; staff still may', async () => {
    const pool = await makePool(ctx.store.db);
    const lead = await t.signedIn('annotator');
    const other = await t.signedIn('annotator');
    for (const who of [lead, other]) assert.equal((await addMember(pool.id, manager, who.user.email, 'manager')).statusCode, 201);
    for (const role of ['reviewer', 'annotator', 'expert']) {
      const demoted = await addMember(pool.id, lead, other.user.email, role);
      assert.equal(demoted.statusCode, 403, `${role}: ${demoted.body}`);
      assert.equal(demoted.json().error.code, 'forbidden');
      assert.match(demoted.json().error.message, /cannot change the role of another of its managers; ask an admin or a manager/);
    }
    const removed = await removeMember(pool.id, lead, other.user.id);
    assert.equal(removed.statusCode, 403, removed.body);
    assert.match(removed.json().error.message, /cannot remove another of its managers/);
    const paused = await t.request({ method: 'POST', url: `/api/v1/pools/${pool.id}/members/${other.user.id}/pause`, cookie: lead.cookie, payload: { reason: 'out' } });
    assert.equal(paused.statusCode, 403, paused.body);
    assert.deepEqual(await roles(pool.id), { [lead.user.id]: 'manager', [other.user.id]: 'manager' });
    assert.equal((await addMember(pool.id, manager, other.user.email, 'reviewer')).statusCode, 201, 'a staff manager may');
    assert.equal((await addMember(pool.id, lead, other.user.email, 'annotator')).statusCode, 201, 'no longer a manager: the lead runs them');
  });

  it('lets staff managers change or remove any member, the last pool manager and themselves included', async () => {
    const pool = await makePool(ctx.store.db);
    const lead = await t.signedIn('annotator');
    await addMember(pool.id, manager, lead.user.email, 'manager');
    assert.equal((await addMember(pool.id, manager, lead.user.email, 'reviewer')).statusCode, 201);
    assert.equal((await removeMember(pool.id, manager, lead.user.id)).statusCode, 204, 'the last pool manager may go');
    assert.equal((await addMember(pool.id, manager, manager.user.email, 'manager')).statusCode, 201);
    assert.equal((await addMember(pool.id, manager, manager.user.email, 'reviewer')).statusCode, 201);
    assert.equal((await removeMember(pool.id, manager, manager.user.id)).statusCode, 204);
    assert.deepEqual(await roles(pool.id), {});
  });
});
