/**
 * The work page of a person: each project open to them with what they could take now, what they
 * did and what they hold. "What they could take" is counted the way a claim hands work out (their
 * pools' sections, each within its pool's limits), not the project's whole queue.
 */
import type { Project } from '../core/projects.ts';
import type { Actor } from '../core/users.ts';
import { labelWorkContexts } from '../core/work-contexts.ts';
import type { Db } from '../store/database.ts';
import { currentPolicy } from '../store/routing.ts';
import { countClaimable } from '../store/task-claims.ts';
import { userWorkCounts } from '../store/tasks.ts';
import { membershipsFor, visibleProjects } from './project-access.ts';
import type { WorkCache } from './work-cache.ts';

/** Counted up to this; more is shown as "at least". A person needs no more to know there is work. */
export const MY_QUEUE_CAP = 1_000;

export interface MyQueue {
  project: Project;
  /** Items the person could take a label task of now, up to MY_QUEUE_CAP. */
  queued: number;
  queuedCapped: boolean;
  myDone: number;
  myLeased: number;
}

export async function myQueues(db: Db, actor: Actor, cache?: WorkCache): Promise<MyQueue[]> {
  const contexts = labelWorkContexts(actor.user.role, await membershipsFor(db, actor, cache));
  const queues: MyQueue[] = [];
  for (const project of await visibleProjects(db, actor)) {
    if (project.archived) continue;
    // The most annotators an item may have asked for: the project's overlap or a rule's.
    const rules = (await currentPolicy(db, project.id))?.policy.rules ?? [];
    const overlap = Math.max(project.overlap, ...rules.map((r) => r.overlap ?? 0));
    const queued = await countClaimable(db, { projectId: project.id, userId: actor.user.id, contexts, overlap }, MY_QUEUE_CAP);
    queues.push({ project, queued, queuedCapped: queued >= MY_QUEUE_CAP, ...(await userWorkCounts(db, project.id, actor.user.id)) });
  }
  return queues;
}
