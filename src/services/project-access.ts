/**
 * Which projects an actor may see and work on. Every route that takes a project or an item id goes
 * through here, so that an id alone never opens anything.
 */
import { forbidden, notFound } from '../core/errors.ts';
import type { Project } from '../core/projects.ts';
import type { Actor } from '../core/users.ts';
import type { Db } from '../store/database.ts';
import { findProject, findProjectByName, listProjects } from '../store/projects.ts';
import { actorCan } from './authenticate.ts';
import type { WorkCache } from './work-cache.ts';

export async function visibleProjects(db: Db, actor: Actor): Promise<Project[]> {
  const projects = await listProjects(db, { includeArchived: actorCan(actor, 'read_all_projects') });
  return projects;
}

/**
 * The project, if the actor may see it; otherwise the same not-found as for a project that does not
 * exist. With a cache (the hot path), the project's settings may be up to two seconds old.
 */
export async function projectForActor(db: Db, actor: Actor, projectId: number, cache?: WorkCache): Promise<Project> {
  const project = cache ? await cache.project(db, projectId) : await findProject(db, projectId);
  if (!project || (project.archived && !actorCan(actor, 'read_all_projects'))) throw notFound('project', projectId);
  return project;
}

export async function projectForManager(db: Db, actor: Actor, projectId: number): Promise<Project> {
  const project = await projectForActor(db, actor, projectId);
  if (!actorCan(actor, 'manage_projects')) throw forbidden('managing a project needs the manager role');
  return project;
}

/** A project named by id or by name (the CLI's `--project P`). */
export async function resolveProject(db: Db, ref: string): Promise<Project> {
  const project = /^\d+$/.test(ref) ? await findProject(db, Number(ref)) : await findProjectByName(db, ref);
  if (!project) throw notFound('project', ref);
  return project;
}
