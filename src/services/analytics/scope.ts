/**
 * Who sees a project's analytics, and how much of it: project managers (and admins) see every
 * pool; a pool's own managers (a vendor's team lead, see manage-pools.ts) see their pools' rows
 * and costs only — nothing of other pools, not even in the totals. Anyone else is refused.
 */
import type { Project } from '../../core/projects.ts';
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import { actorCan, refusalFor } from '../authenticate.ts';
import { membershipsFor, projectForActor } from '../project-access.ts';

export interface AnalyticsAccess {
  project: Project;
  /** null: every pool; else the ids of the pools the actor manages. */
  scope: number[] | null;
}

export async function analyticsAccess(db: Db, actor: Actor, projectId: number): Promise<AnalyticsAccess> {
  const project = await projectForActor(db, actor, projectId);
  if (actorCan(actor, 'manage_projects')) return { project, scope: null };
  const managed = (await membershipsFor(db, actor)).filter((m) => m.role === 'manager').map((m) => m.pool.id);
  if (managed.length === 0) throw refusalFor(actor, 'manage_projects', 'analytics are for project managers and pool managers');
  return { project, scope: managed };
}
