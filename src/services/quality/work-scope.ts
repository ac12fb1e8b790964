/**
 * Whose work a reviewer sees and judges. Staff and members of an in-house pool (who check the
 * vendors' work) see every pool. A member of outside pools only, such as a vendor's own reviewer,
 * sees and reviews the work of their own pools: nothing of another vendor's annotators (their
 * names, answers, agreement or gold accuracy), as the analytics keep each vendor to its own rows.
 */
import type { Annotation } from '../../core/items.ts';
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import { poolsOfTasks } from '../../store/tasks.ts';
import { membershipsFor, seesAllProjects } from '../project-access.ts';
import type { WorkCache } from '../work-cache.ts';

/** null: every pool; else the pools whose work the reader sees (ids for queries, keys to show). */
export type WorkScope = { ids: number[]; keys: string[] } | null;

export async function workScope(db: Db, actor: Actor, cache?: WorkCache): Promise<WorkScope> {
  const memberships = await membershipsFor(db, actor, cache);
  if (seesAllProjects(actor, memberships)) return null;
  return { ids: [...new Set(memberships.map((m) => m.pool.id))], keys: [...new Set(memberships.map((m) => m.pool.key))].sort() };
}

/** Whether work done in this pool (null: by staff outside any pool) is within the scope. */
export function inWorkScope(scope: WorkScope, poolId: number | null): boolean {
  return scope === null || (poolId !== null && scope.ids.includes(poolId));
}

/** Of these annotations, those done within the scope (the pool is the one their task was routed to). */
export async function annotationsInScope<A extends Pick<Annotation, 'taskId'>>(db: Db, scope: WorkScope, annotations: readonly A[]): Promise<A[]> {
  if (scope === null) return [...annotations];
  const pools = await poolsOfTasks(db, annotations.flatMap((a) => (a.taskId === null ? [] : [a.taskId])));
  return annotations.filter((a) => a.taskId !== null && inWorkScope(scope, pools.get(a.taskId) ?? null));
}
