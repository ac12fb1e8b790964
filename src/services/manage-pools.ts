/**
 * Pools and their members. Admins and managers run every pool; a pool's own managers (a vendor's
 * team lead) run their pool's members and see their pool — nothing of other pools.
 */
import type { AuditEventDraft } from '../core/audit/event.ts';
import { DomainError, forbidden, notFound } from '../core/errors.ts';
import { type Actor, authorId } from '../core/users.ts';
import type { MemberRole } from '../core/work-contexts.ts';
import type { Pool } from '../core/workforce.ts';
import { recordAuditEvents } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { findPool, findPoolByKey, insertPool, listMembers, listPools, membershipsOf, type NewPool, removeMember, setMemberPaused, updatePool, upsertMember, type PoolMembership } from '../store/pools.ts';
import { findCredentials } from '../store/users.ts';
import { actorCan, requireCapability } from './authenticate.ts';
import { addUser } from './manage-users.ts';

function audit(actor: Actor, action: 'pool.change' | 'membership.change', poolId: number, details: unknown, sourceIp: string | null): AuditEventDraft {
  return { at: new Date().toISOString(), actorId: authorId(actor), actorEmail: actor.user.email, poolId, action, subjectType: 'pool', subjectId: poolId, sourceIp, details };
}

/** The pools an actor may look at: all for staff managers, their own otherwise. */
export async function poolsForActor(db: Db, actor: Actor): Promise<Pool[]> {
  if (actorCan(actor, 'manage_projects')) return listPools(db);
  return (await membershipsOf(db, actor.user.id)).map((m) => m.pool);
}

/** The pool, if the actor may manage it: admins and managers, or the pool's own managers. */
export async function poolForManager(db: Db, actor: Actor, poolId: number): Promise<Pool> {
  const pool = await findPool(db, poolId);
  if (!pool) throw notFound('pool', poolId);
  if (actorCan(actor, 'manage_projects')) return pool;
  const mine = (await membershipsOf(db, actor.user.id)).find((m) => m.pool.id === poolId);
  if (!mine) throw notFound('pool', poolId);
  if (mine.membership.role !== 'manager') throw forbidden('only the pool’s managers manage its members');
  return pool;
}

/** The pool, if the actor may look at it: staff, or its members. */
export async function poolForViewer(db: Db, actor: Actor, poolId: number): Promise<Pool> {
  const pool = await findPool(db, poolId);
  if (!pool) throw notFound('pool', poolId);
  if (actorCan(actor, 'manage_projects')) return pool;
  if (!(await membershipsOf(db, actor.user.id)).some((m) => m.pool.id === poolId)) throw notFound('pool', poolId);
  return pool;
}

export async function createPool(tx: Db, actor: Actor, pool: NewPool, sourceIp: string | null = null): Promise<Pool> {
  requireCapability(actor, 'manage_projects', 'creating a pool needs the manager role');
  if (await findPoolByKey(tx, pool.key)) throw new DomainError('conflict', `a pool with the key "${pool.key}" already exists`);
  const created = await insertPool(tx, pool);
  await recordAuditEvents(tx, [audit(actor, 'pool.change', created.id, { created: pool.key, kind: pool.kind, clearance: pool.clearance, regions: pool.regions }, sourceIp)]);
  return created;
}

export async function changePool(tx: Db, actor: Actor, poolId: number, changes: Partial<NewPool>, sourceIp: string | null = null): Promise<Pool> {
  requireCapability(actor, 'manage_projects', 'changing a pool needs the manager role');
  const updated = await updatePool(tx, poolId, changes);
  if (!updated) throw notFound('pool', poolId);
  // Only the fields named change (the store sets no others); naming none changes nothing to record.
  const changed = Object.keys(changes).filter((k) => changes[k as keyof NewPool] !== undefined);
  if (changed.length > 0) await recordAuditEvents(tx, [audit(actor, 'pool.change', poolId, { changed }, sourceIp)]);
  return updated;
}

/**
 * A pool's own manager may not demote or remove themselves: their role in this pool is all their
 * access, and nobody in the pool could give it back (only admins and managers appoint pool
 * managers). Staff keep their access whatever their pool roles, so they may.
 */
function refuseSelfChange(actor: Actor, userId: number, what: string): void {
  if (userId === actor.user.id && !actorCan(actor, 'manage_projects')) {
    throw forbidden(`as this pool’s manager you cannot ${what} it; ask an admin or a manager`);
  }
}

/**
 * A pool's own manager runs its other members, not its other managers: those hold the same
 * standing, and only admins and managers appoint pool managers, so only they change or remove one.
 * Otherwise one team lead could demote the others and keep the pool to themselves.
 */
async function refuseFellowManager(tx: Db, actor: Actor, poolId: number, userId: number, what: string): Promise<void> {
  if (actorCan(actor, 'manage_projects') || userId === actor.user.id) return;
  const theirs = (await membershipsOf(tx, userId)).find((m) => m.pool.id === poolId);
  if (theirs?.membership.role === 'manager') {
    throw forbidden(`as this pool’s manager you cannot ${what} another of its managers; ask an admin or a manager`);
  }
}

export interface AddMemberInput {
  email: string;
  role: MemberRole;
  /** To create the user when there is none with this e-mail. */
  name?: string;
  password?: string;
}

/**
 * Adds a person to a pool (or changes their role there). A pool manager can bring in new people
 * (created as annotators) and people of their own pool, not staff from elsewhere.
 */
export async function addPoolMember(tx: Db, actor: Actor, poolId: number, input: AddMemberInput, sourceIp: string | null = null): Promise<PoolMembership> {
  const pool = await poolForManager(tx, actor, poolId);
  let user = (await findCredentials(tx, input.email))?.user ?? null;
  if (user) {
    refuseSelfChange(actor, user.id, 'change your own role in');
    await refuseFellowManager(tx, actor, pool.id, user.id, 'change the role of');
  }
  if (!user) {
    if (!input.password) throw new DomainError('not_found', `no user ${input.email}; give a password to create them`);
    user = await addUser(tx, { email: input.email, name: input.name, role: input.role === 'reviewer' ? 'reviewer' : 'annotator', password: input.password });
  } else if (!actorCan(actor, 'manage_projects')) {
    const theirs = await membershipsOf(tx, user.id);
    if (user.role === 'admin' || user.role === 'manager' || theirs.some((m) => m.pool.id !== pool.id)) {
      throw forbidden('a pool manager can only add new people or people of this pool');
    }
  }
  if (input.role === 'manager') requireCapability(actor, 'manage_projects', 'only admins and managers appoint pool managers');
  const membership = await upsertMember(tx, pool.id, user.id, input.role);
  await recordAuditEvents(tx, [audit(actor, 'membership.change', pool.id, { added: user.id, role: input.role }, sourceIp)]);
  return membership;
}

export async function removePoolMember(tx: Db, actor: Actor, poolId: number, userId: number, sourceIp: string | null = null): Promise<void> {
  const pool = await poolForManager(tx, actor, poolId);
  refuseSelfChange(actor, userId, 'remove yourself from');
  await refuseFellowManager(tx, actor, pool.id, userId, 'remove');
  if (!(await removeMember(tx, pool.id, userId))) throw notFound('member', userId);
  await recordAuditEvents(tx, [audit(actor, 'membership.change', pool.id, { removed: userId }, sourceIp)]);
}

/** Pauses a member (they take no work until resumed), or resumes them with `reason` null. */
export async function pausePoolMember(tx: Db, actor: Actor | null, poolId: number, userId: number, reason: string | null, sourceIp: string | null = null): Promise<void> {
  if (actor) {
    await poolForManager(tx, actor, poolId);
    await refuseFellowManager(tx, actor, poolId, userId, reason === null ? 'resume' : 'pause');
  }
  if (!(await setMemberPaused(tx, poolId, userId, reason))) throw notFound('member', userId);
  await recordAuditEvents(tx, [
    {
      at: new Date().toISOString(),
      actorId: actor ? authorId(actor) : null,
      actorEmail: actor?.user.email ?? null,
      poolId,
      action: 'membership.change',
      subjectType: 'user',
      subjectId: userId,
      sourceIp,
      details: reason === null ? { resumed: true } : { paused: reason },
    },
  ]);
}

export { listMembers };
