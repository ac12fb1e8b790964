/**
 * Escalation: an item goes up a tier — crowd → vendor → in-house → in-house experts — when an
 * annotator flags it as an edge case or when later stages find a problem (low agreement, a failed
 * gold check, a rejection). The policy, asked again with what is now known of the item, names the
 * pools; the item gets an adjudication task with the experts of one of them above the item's
 * current tier, or unrouted (in-house staff and experts) when none is (escalation-target.ts). The
 * history keeps why.
 */
import { notFound } from '../../core/errors.ts';
import type { Project } from '../../core/projects.ts';
import { currentTier, escalationTarget, taskTier } from '../../core/routing/escalation-target.ts';
import { type Actor, authorId } from '../../core/users.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';
import { findItem, updateItemAttributes } from '../../store/items.ts';
import { listMembers, listPools } from '../../store/pools.ts';
import { cancelQueuedLabelTasks, currentPolicy, insertEscalation, insertStageTask, itemPosition, itemTaskRoutes } from '../../store/routing.ts';
import { plannerFor, routablePools } from './task-planner.ts';

export type EscalationReason = 'edge_case' | 'low_agreement' | 'gold_failed' | 'review_rejected';

export interface EscalateInput {
  actor: Actor | null;
  project: Project;
  itemId: number;
  reason: EscalationReason;
  agreement?: number | null;
  note?: string | null;
  sourceIp?: string | null;
}

export interface Escalation {
  escalationId: number;
  taskId: number;
  toPool: string | null;
  rule: string | null;
}

/** Run it in a transaction. */
export async function escalateItem(tx: Db, input: EscalateInput): Promise<Escalation> {
  const item = await findItem(tx, input.itemId);
  if (!item || item.projectId !== input.project.id) throw notFound('item', input.itemId);
  if (input.reason === 'edge_case' && !item.edgeCase) await updateItemAttributes(tx, item.id, { edgeCase: true });

  const pools = await listPools(tx);
  const kinds = new Map(pools.map((p) => [p.id, p.kind]));
  const tasks = await itemTaskRoutes(tx, input.project.id, item.id);
  const current = currentTier(tasks, kinds);
  const fromPool = tasks.find((t) => t.poolId !== null && taskTier(t, kinds) === current)?.poolId ?? null;

  const policy = await currentPolicy(tx, input.project.id);
  const planner = plannerFor(input.project, policy?.policy ?? null, await routablePools(tx));
  const decision = planner.decide({
    sensitivity: item.sensitivity,
    region: item.region,
    language: item.language,
    tags: item.tags,
    edgeCase: true,
    confidence: item.modelConfidence,
    position: await itemPosition(tx, input.project.id, item.id),
    agreement: input.agreement ?? null,
    goldFailed: input.reason === 'gold_failed',
    reviewRejected: input.reason === 'review_rejected',
  });
  const target = escalationTarget(decision.targets, current, kinds, await poolsWithExperts(tx, decision.targets.map((t) => t.poolId)));

  if (input.reason === 'edge_case') await cancelQueuedLabelTasks(tx, input.project.id, item.id);
  const taskId = await insertStageTask(tx, {
    projectId: input.project.id,
    itemId: item.id,
    stage: 'adjudicate',
    // Without a pool whose experts stand higher, the work stays with in-house staff and experts (unrouted).
    poolId: target?.poolId ?? null,
    memberRole: target?.role ?? null,
    priority: 50 + decision.priority,
    routedBy: target ? decision.rule : null,
  });
  const escalationId = await insertEscalation(tx, {
    projectId: input.project.id,
    itemId: item.id,
    reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
    fromPool,
    toPool: target?.poolId ?? null,
    rule: target ? decision.rule : null,
    createdBy: input.actor ? authorId(input.actor) : null,
  });
  await recordAuditEvents(tx, [
    {
      at: new Date().toISOString(),
      actorId: input.actor ? authorId(input.actor) : null,
      actorEmail: input.actor?.user.email ?? null,
      poolId: target?.poolId ?? null,
      action: 'item.escalate',
      subjectType: 'item',
      subjectId: item.id,
      projectId: input.project.id,
      sourceIp: input.sourceIp ?? null,
      details: { reason: input.reason, fromPool, toPool: target?.poolId ?? null, rule: target ? decision.rule : null, taskId },
    },
  ]);
  return { escalationId, taskId, toPool: target?.poolKey ?? null, rule: target ? decision.rule : null };
}

/** The pools among these with an expert who may work now (a paused member claims nothing). */
async function poolsWithExperts(tx: Db, poolIds: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (const poolId of new Set(poolIds)) {
    if ((await listMembers(tx, poolId)).some((m) => m.role === 'expert' && !m.paused)) found.add(poolId);
  }
  return found;
}
