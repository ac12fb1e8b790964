import { DomainError, forbidden } from '../core/errors.ts';
import type { Project } from '../core/projects.ts';
import type { TaskStage } from '../core/tasks.ts';
import type { Actor } from '../core/users.ts';
import type { Db } from '../store/database.ts';
import { type ClaimedTask, type ClaimQuery, claimGoldTask } from '../store/task-claims.ts';
import { labelWorkContexts, stageWorkContexts } from '../core/work-contexts.ts';
import { requireCapability } from './authenticate.ts';
import { type ClaimBatches, claimAlone } from './claim-together.ts';
import { requireOnboarded } from './onboarding.ts';
import { membershipsFor } from './project-access.ts';
import type { WorkCache } from './work-cache.ts';

export interface ClaimNextTaskInput {
  actor: Actor;
  project: Project;
  stage?: TaskStage;
  /** Task ids the client already holds and wants another one besides (prefetch). At most 10. */
  holding?: number[];
  /** Draws for mixing gold tasks in (tests pass their own). */
  random?: () => number;
  /** Record the read of a text item's content with the claim (the HTTP route does). */
  readAudit?: ClaimQuery['readAudit'];
}

/**
 * Hands the actor their next task of the project, or null when nothing is left for them.
 * One statement: it may run on the pool directly or inside the caller's transaction. With the
 * server's `batches`, claims that arrive together go together (never inside a transaction).
 */
export async function claimNextTask(db: Db, input: ClaimNextTaskInput, cache?: WorkCache, batches?: ClaimBatches): Promise<ClaimedTask | null> {
  const stage = input.stage ?? 'label';
  // What the task's end needs, and a token's scopes with it: a final label is an annotation, and a
  // review a decision only the review capability may make (a task claimed without it was held
  // from the reviewers for nothing).
  if (stage === 'review') requireCapability(input.actor, 'review', 'reviewing needs the reviewer role');
  else requireCapability(input.actor, 'annotate', `annotating is not allowed for the ${input.actor.user.role} role`);
  if (input.project.archived) throw new DomainError('conflict', 'this project is archived');
  await requireOnboarded(db, input.actor, input.project, cache);
  const holding = (input.holding ?? []).slice(0, 10);
  // Which sections of the queue are the actor's (their pools, unrouted work for staff) and the limits
  // of each: the claim statement applies them, whatever the routing said.
  const memberships = await membershipsFor(db, input.actor, cache);
  const contexts =
    stage === 'label'
      ? labelWorkContexts(input.actor.user.role, memberships)
      : stage === 'adjudicate' || stage === 'review'
        ? stageWorkContexts(stage, input.actor.user.role, memberships)
        : [];
  if (stage !== 'label' && contexts.length === 0) throw forbidden(`${stage} work is for reviewers and experts`);
  const query: ClaimQuery = {
    projectId: input.project.id,
    userId: input.actor.user.id,
    stage,
    leaseSeconds: input.project.leaseSeconds,
    holding,
    contexts,
    // The versions in force come with the project (cached a moment on the hot path).
    versions: { schema: input.project.schemaVersion, guidelines: input.project.guidelinesVersion || null },
    readAudit: input.readAudit ?? null,
  };
  // Gold tasks come at the project's rate and look like any other task; nobody is told.
  const goldRate = input.project.qaPolicy.goldRate;
  if (stage === 'label' && goldRate > 0 && contexts.length > 0 && (input.random ?? Math.random)() < goldRate) {
    const gold = await claimGoldTask(db, { ...query, excludeItemIds: input.project.qualification?.itemIds ?? [] });
    if (gold) {
      cache?.rememberClaim(gold, input.project.leaseSeconds);
      return gold;
    }
  }
  const claimed = batches && !db.isTransaction ? await batches.run(query) : await claimAlone(db, query);
  if (claimed) cache?.rememberClaim(claimed, input.project.leaseSeconds);
  return claimed;
}
