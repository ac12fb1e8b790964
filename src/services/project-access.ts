/**
 * Which projects an actor may see and work on. In-house staff (admins, managers, and people in no
 * pool or in an in-house pool) see every project; vendor and crowd workers see only the projects
 * their pools get work from. Every route that takes a project or an item id goes through here, so
 * that an id alone never opens anything.
 */
import { notFound } from '../core/errors.ts';
import type { Project } from '../core/projects.ts';
import type { Actor } from '../core/users.ts';
import { isStaff, type Membership } from '../core/work-contexts.ts';
import type { Db } from '../store/database.ts';
import { findProject, findProjectByName, listProjects } from '../store/projects.ts';
import { membershipsOf, projectIdsOfPools } from '../store/pools.ts';
import { actorCan, requireCapability } from './authenticate.ts';
import type { WorkCache } from './work-cache.ts';

export async function membershipsFor(db: Db, actor: Actor, cache?: WorkCache): Promise<Membership[]> {
  if (cache) return cache.memberships(db, actor.user.id);
  return (await membershipsOf(db, actor.user.id)).map(({ membership, pool }) => ({ pool, role: membership.role, paused: membership.paused }));
}

/** Sees every project: staff, or a member of an in-house pool. */
export function seesAllProjects(actor: Actor, memberships: readonly Membership[]): boolean {
  return isStaff(actor.user.role, memberships) || memberships.some((m) => m.pool.kind === 'in_house');
}

async function mayOpen(db: Db, actor: Actor, project: Project, cache?: WorkCache): Promise<boolean> {
  if (project.archived && !actorCan(actor, 'read_all_projects')) return false;
  const memberships = await membershipsFor(db, actor, cache);
  if (seesAllProjects(actor, memberships)) return true;
  const pools = cache ? await cache.projectPools(db, project.id) : null;
  if (pools) return memberships.some((m) => pools.has(m.pool.id));
  const ids = await projectIdsOfPools(db, memberships.map((m) => m.pool.id));
  return ids.includes(project.id);
}

export async function visibleProjects(db: Db, actor: Actor): Promise<Project[]> {
  const projects = await listProjects(db, { includeArchived: actorCan(actor, 'read_all_projects') });
  const memberships = await membershipsFor(db, actor);
  if (seesAllProjects(actor, memberships)) return projects;
  const ids = new Set(await projectIdsOfPools(db, memberships.map((m) => m.pool.id)));
  return projects.filter((p) => ids.has(p.id));
}

/**
 * The project, if the actor may see it; otherwise the same not-found as for a project that does not
 * exist. With a cache (the hot path), settings and memberships may be up to two seconds old.
 */
export async function projectForActor(db: Db, actor: Actor, projectId: number, cache?: WorkCache): Promise<Project> {
  const project = cache ? await cache.project(db, projectId) : await findProject(db, projectId);
  if (!project || !(await mayOpen(db, actor, project, cache))) throw notFound('project', projectId);
  return project;
}

/** Whether the actor may open the project (false for one that does not exist), without the project. */
export async function mayOpenProject(db: Db, actor: Actor, projectId: number, cache?: WorkCache): Promise<boolean> {
  const project = cache ? await cache.project(db, projectId) : await findProject(db, projectId);
  return project !== null && (await mayOpen(db, actor, project, cache));
}

export async function projectForManager(db: Db, actor: Actor, projectId: number): Promise<Project> {
  const project = await projectForActor(db, actor, projectId);
  requireCapability(actor, 'manage_projects', 'managing a project needs the manager role');
  return project;
}

/** A project named by id or by name (the CLI's `--project P`). */
export async function resolveProject(db: Db, ref: string): Promise<Project> {
  const project = /^\d+$/.test(ref) ? await findProject(db, Number(ref)) : await findProjectByName(db, ref);
  if (!project) throw notFound('project', ref);
  return project;
}
