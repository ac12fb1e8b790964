/**
 * Whose work a reviewer sees and judges. Staff and members of an in-house pool (who check the
 * vendors' work) see every pool. A member of outside pools only, such as a vendor's own reviewer,
 * sees and reviews the work of their own pools: nothing of another vendor's annotators (their
 * names, answers, agreement or gold accuracy), as the analytics keep each vendor to its own rows.
 */
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import { membershipsFor, seesAllProjects } from '../project-access.ts';
import type { WorkCache } from '../work-cache.ts';

/** null: every pool; else the pools whose work the reader sees (ids for queries, keys to show). */
export type WorkScope = { ids: number[]; keys: string[] } | null;

export async function workScope(db: Db, actor: Actor, cache?: WorkCache): Promise<WorkScope> {
  const memberships = await membershipsFor(db, actor, cache);
  if (seesAllProjects(actor, memberships)) return null;
  return { ids: [...new Set(memberships.map((m) => m.pool.id))], keys: [...new Set(memberships.map((m) => m.pool.key))].sort() };
}
