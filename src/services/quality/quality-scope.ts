/**
 * Whose work a reader of a project's quality figures sees. Staff and members of an in-house pool
 * (who check the vendors' work) see every pool. A member of outside pools only, such as a vendor's
 * reviewer, sees the work of their own pools: nothing of another vendor's annotators, their names,
 * agreement or gold accuracy, as the analytics keep each vendor to its own rows.
 */
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import { membershipsFor, seesAllProjects } from '../project-access.ts';
import type { WorkCache } from '../work-cache.ts';

/** null: every pool; else the keys of the pools whose work the reader sees. */
export type QualityScope = string[] | null;

export async function qualityScope(db: Db, actor: Actor, cache?: WorkCache): Promise<QualityScope> {
  const memberships = await membershipsFor(db, actor, cache);
  if (seesAllProjects(actor, memberships)) return null;
  return [...new Set(memberships.map((m) => m.pool.key))].sort();
}
