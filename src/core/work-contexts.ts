/**
 * Through which pools a person works, and under which limits. A person in no pool, and any admin or
 * manager, is in-house staff: unrouted work is theirs and no pool limit applies to them. Everyone
 * else works only through their pools: routed work of those pools, within each pool's limits.
 */
import type { Role } from './users.ts';
import type { Pool } from './workforce.ts';

export type MemberRole = 'annotator' | 'reviewer' | 'expert' | 'manager';

export interface Membership {
  pool: Pool;
  role: MemberRole;
  paused: boolean;
}

/** A section of the queue a person may take work from, with the limits that hold there. */
export interface WorkContext {
  /** null: unrouted work. */
  poolId: number | null;
  /** 'expert': the pool's work kept for its experts. */
  memberRole: 'expert' | null;
  /** null: no pool limit (in-house staff). */
  limits: Pick<Pool, 'clearance' | 'regions' | 'languages'> | null;
}

export function isStaff(role: Role, memberships: readonly Membership[]): boolean {
  return role === 'admin' || role === 'manager' || memberships.length === 0;
}

/** The queue sections a person takes label work from, most specific first. */
export function labelWorkContexts(role: Role, memberships: readonly Membership[]): WorkContext[] {
  const contexts: WorkContext[] = [];
  for (const m of memberships) {
    if (m.paused || (m.role !== 'annotator' && m.role !== 'expert')) continue;
    if (m.role === 'expert') contexts.push({ poolId: m.pool.id, memberRole: 'expert', limits: m.pool });
    contexts.push({ poolId: m.pool.id, memberRole: null, limits: m.pool });
  }
  if (isStaff(role, memberships)) {
    // Someone whose every membership is paused is not staff by default: they wait for their manager.
    const allPaused = memberships.length > 0 && memberships.every((m) => m.paused);
    if (!allPaused || role === 'admin' || role === 'manager') contexts.push({ poolId: null, memberRole: null, limits: null });
  } else {
    const inHouse = memberships.find((m) => !m.paused && m.pool.kind === 'in_house' && (m.role === 'annotator' || m.role === 'expert'));
    if (inHouse) contexts.push({ poolId: null, memberRole: null, limits: inHouse.pool });
  }
  return contexts;
}

/** The pools through which a person may look at a project's data (any role, paused included). */
export function readingPools(memberships: readonly Membership[], projectPoolIds: ReadonlySet<number>): Pool[] {
  return memberships.filter((m) => projectPoolIds.has(m.pool.id) || m.pool.kind === 'in_house').map((m) => m.pool);
}

/**
 * The queue sections of later stages: adjudication goes to a pool's experts (and to in-house staff
 * who review); review to a pool's reviewers (and staff who review).
 */
export function stageWorkContexts(stage: 'adjudicate' | 'review', role: Role, memberships: readonly Membership[]): WorkContext[] {
  const wanted: MemberRole = stage === 'adjudicate' ? 'expert' : 'reviewer';
  const contexts: WorkContext[] = [];
  for (const m of memberships) {
    if (m.paused || m.role !== wanted) continue;
    if (stage === 'adjudicate') contexts.push({ poolId: m.pool.id, memberRole: 'expert', limits: m.pool });
    contexts.push({ poolId: m.pool.id, memberRole: null, limits: m.pool });
  }
  const reviewsByRole = role === 'admin' || role === 'manager' || role === 'reviewer';
  if (reviewsByRole && isStaff(role, memberships)) contexts.push({ poolId: null, memberRole: null, limits: null });
  else if (contexts.length > 0 && memberships.some((m) => !m.paused && m.role === wanted && m.pool.kind === 'in_house')) {
    const inHouse = memberships.find((m) => !m.paused && m.role === wanted && m.pool.kind === 'in_house')!;
    contexts.push({ poolId: null, memberRole: null, limits: inHouse.pool });
  }
  return contexts;
}
