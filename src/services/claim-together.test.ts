import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { addTextItems, makePool, makeProject, makeUser } from '../../test/support/fixtures.ts';
import { describeEachEngine } from '../../test/support/databases.ts';
import type { Project } from '../core/projects.ts';
import { completeTaskWithAnnotation } from '../store/annotations.ts';
import type { Db } from '../store/database.ts';
import type { ClaimContext, ClaimQuery } from '../store/task-claims.ts';
import { claimForMany } from '../store/task-claims-together.ts';
import { claimAlone, claimTogether } from './claim-together.ts';

const STAFF = [{ poolId: null, memberRole: null, limits: null }];

function queryOf(project: Project, userId: number): ClaimQuery {
  return {
    projectId: project.id,
    userId,
    stage: 'label',
    leaseSeconds: 900,
    holding: [],
    contexts: STAFF,
    readAudit: { actorEmail: `u${userId}@example.org`, sourceIp: '10.0.0.1', redactedPoolIds: [] },
  };
}

async function users(db: Db, n: number): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, async () => (await makeUser(db)).id));
}

const taskIdsInOrder = async (db: Db, project: Project) =>
  (await db.selectFrom('tasks').select(['id', 'item_id']).where('project_id', '=', project.id).orderBy('priority', 'desc').orderBy('id').execute()).map((t) => ({
    id: Number(t.id),
    itemId: Number(t.item_id),
  }));

describeEachEngine('claims that go together', (ctx) => {
  it('hand out the front of the queue in arrival order, as one claim after the other would', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 5);
    const front = await taskIdsInOrder(db, project);
    const [a, b, c] = await users(db, 3);
    const out = await claimTogether(db, [queryOf(project, c!), queryOf(project, a!), queryOf(project, b!)]);
    assert.deepEqual(
      out.map((x) => (x && !(x instanceof Error) ? [x.task.id, x.task.assigneeId, x.task.status] : x)),
      [front[0], front[1], front[2]].map((t, i) => [t!.id, [c, a, b][i], 'leased']),
    );
    // The reads of the texts are recorded for each claimer, as a single claim records them.
    const reads = await db.selectFrom('audit_outbox').select(['actor_email', 'subject_id']).where('action', '=', 'item.read').where('actor_id', 'in', [a!, b!, c!]).execute();
    assert.equal(reads.length, 3);
    assert.ok(reads.some((r) => r.actor_email === `u${a}@example.org` && Number(r.subject_id) === front[1]!.itemId));
  });

  it('resume a lease already held and pass over items a claimer worked on', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store, { overlap: 2 });
    await addTextItems(db, project, 2);
    const [done, holder, fresh] = await users(db, 3);
    // `done` finishes one slot of the first item; `holder` holds a lease and reloads.
    const first = (await claimAlone(db, queryOf(project, done!)))!;
    await completeTaskWithAnnotation(db, {
      projectId: project.id, taskId: first.task.id, userId: done!, schemaVersion: 1, guidelinesVersion: null, result: { choices: {}, regions: [] }, timeSpentMs: 1, clientToken: null,
    });
    const held = (await claimAlone(db, queryOf(project, holder!)))!;
    const out = await claimTogether(db, [queryOf(project, done!), queryOf(project, holder!), queryOf(project, fresh!)]);
    const [forDone, forHolder, forFresh] = out.map((x) => (x && !(x instanceof Error) ? x : null));
    assert.notEqual(forDone!.item.id, first.item.id, 'never the same item twice');
    assert.equal(forHolder!.task.id, held.task.id, 'the held lease comes back');
    assert.ok(forFresh);
    assert.equal(new Set([forDone!.task.id, forHolder!.task.id, forFresh!.task.id]).size, 3);
  });

  it('leave undecided whoever the read front could not serve while the queue holds more', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 4);
    const [a, b] = await users(db, 2);
    const shared = { projectId: project.id, stage: 'label' as const, leaseSeconds: 900 };
    const claimers = [a!, b!].map((userId) => ({ userId, holding: [], contexts: STAFF, readAudit: null }));
    const narrow = await claimForMany(db, shared, claimers, () => 1);
    assert.deepEqual([...narrow.claimed.keys()], [a]);
    assert.deepEqual(narrow.undecided, [b]);
    // Read to its end, the queue serves both, and a claimer with nothing left is simply served nothing.
    const wide = await claimForMany(db, shared, claimers.map((c) => ({ ...c, holding: [...narrow.claimed.values()].map((t) => t.task.id) })), () => 10);
    assert.equal(wide.claimed.size, 2);
    assert.deepEqual(wide.undecided, []);
    const [c] = await users(db, 1);
    const after = await claimForMany(db, shared, [{ userId: c!, holding: [], contexts: STAFF, readAudit: null }, { userId: a!, holding: [], contexts: STAFF, readAudit: null }], () => 10);
    assert.equal(after.claimed.size, 2, 'c takes the last task; a resumes their oldest lease');
    const leased = await db.selectFrom('tasks').select(sql<number>`count(*)`.as('n')).where('project_id', '=', project.id).where('status', '=', 'leased').executeTakeFirstOrThrow();
    assert.equal(Number(leased.n), 4);
  });

  it('serve members of different pools in one batch, each from their own sections only', async () => {
    const db = ctx.store.db;
    const limits = { clearance: 'internal', regions: ['*'], languages: ['*'] };
    const [vendorA, vendorB, inHouse] = [await makePool(db), await makePool(db), await makePool(db, { kind: 'in_house' })];
    const section = (poolId: number | null): ClaimContext => ({ poolId, memberRole: null, limits });
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 9);
    const front = await taskIdsInOrder(db, project);
    // Tasks 0, 2, 4 go to pool A, 1 and 3 to pool B, 5 to the in-house pool; 6–8 stay unrouted.
    const poolOf = [vendorA, vendorB, vendorA, vendorB, vendorA, inHouse];
    for (const [i, pool] of poolOf.entries()) await db.updateTable('tasks').set({ pool_id: pool!.id }).where('id', '=', front[i]!.id).execute();
    const [a1, b1, a2, h1, h2, s1, b2, b3] = await users(db, 8);
    const q = (userId: number, contexts: ClaimContext[]): ClaimQuery => ({ ...queryOf(project, userId), contexts });
    const member = (pool: { id: number }) => [section(pool.id)];
    const inHouseMember = [section(inHouse.id), section(null)];
    const out = await claimTogether(db, [
      q(a1!, member(vendorA)), q(b1!, member(vendorB)), q(h1!, inHouseMember), q(a2!, member(vendorA)),
      q(h2!, inHouseMember), q(s1!, STAFF), q(b2!, member(vendorB)), q(b3!, member(vendorB)),
    ]);
    const taskOf = out.map((x) => (x && !(x instanceof Error) ? x.task.id : x));
    assert.deepEqual(taskOf, [
      front[0]!.id, front[1]!.id,
      front[5]!.id, // the in-house pool's own task before unrouted work
      front[2]!.id,
      front[7]!.id, // the pool's own work is gone: unrouted work, claimed alone after the batch
      front[6]!.id, // staff take unrouted work in the batch
      front[3]!.id,
      null, // nothing of pool B is left, and no other section is theirs
    ]);
  });

  it('leave undecided an in-house member their own section did not serve, for unrouted work or more of their own', async () => {
    const db = ctx.store.db;
    const inHouse = await makePool(db, { kind: 'in_house' });
    const limits = { clearance: 'internal', regions: ['*'], languages: ['*'] };
    const project = await makeProject(ctx.store);
    await addTextItems(db, project, 4);
    const front = await taskIdsInOrder(db, project);
    for (const t of front.slice(0, 2)) await db.updateTable('tasks').set({ pool_id: inHouse.id }).where('id', '=', t.id).execute();
    const [h1, h2, s1] = await users(db, 3);
    const inHouseMember: ClaimContext[] = [{ poolId: inHouse.id, memberRole: null, limits }, { poolId: null, memberRole: null, limits }];
    const claimers = [
      { userId: h1!, holding: [], contexts: inHouseMember, readAudit: null },
      { userId: h2!, holding: [], contexts: inHouseMember, readAudit: null },
      { userId: s1!, holding: [], contexts: STAFF, readAudit: null },
    ];
    // One candidate read per section: h1 takes the pool's first task; h2 is left to a claim of their
    // own, which finds the pool's second task before any unrouted work.
    const out = await claimForMany(db, { projectId: project.id, stage: 'label', leaseSeconds: 900 }, claimers, () => 1);
    assert.equal(out.claimed.get(h1!)?.task.id, front[0]!.id);
    assert.equal(out.claimed.get(h2!), undefined);
    assert.equal(out.claimed.get(s1!)?.task.id, front[2]!.id);
    assert.deepEqual(out.undecided, [h2]);
    assert.equal((await claimAlone(db, { ...queryOf(project, h2!), contexts: inHouseMember }))?.task.id, front[1]!.id);
  });
});
