/**
 * Escalation: an item goes up a tier — crowd → vendor → in-house → in-house experts — when an
 * annotator flags it as an edge case or when later stages find a problem (low agreement, a failed
 * gold check, a rejection). The policy, asked again with what is now known of the item, names the
 * pools; the item gets an adjudication task with the experts of one of them above the item's
 * current tier, or unrouted (in-house staff and experts) when none is (escalation-target.ts). The
 * history keeps why.
 *
 * The item's workflow stage goes to adjudication with the task, whoever escalates it: the stage is
 * what the quality page, the stage counts and the adjudication queue read, and what keeps the
 * engine from settling the item again when other answers come in (settle-item.ts). Its reason
 * carries the note (`edge_case: <the annotator's words>`), which the experts read. A review still
 * open is over (the experts' word replaces it, as for a rejection sent to them, apply-review.ts);
 * an accepted item is reopened, except one the experts decided: their word stands, as the engine
 * keeps it. An item already with the experts keeps its one adjudication task.
 */
import { notFound } from '../../core/errors.ts';
import type { Item } from '../../core/items.ts';
import type { Project } from '../../core/projects.ts';
import { IMPORTED_METHOD } from '../../core/quality/imported-stage.ts';
import { currentTier, escalationTarget, taskTier } from '../../core/routing/escalation-target.ts';
import { type Actor, authorId } from '../../core/users.ts';
import type { PoolKind } from '../../core/workforce.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';
import { findItem, updateItemAttributes } from '../../store/items.ts';
import { listMembers, listPools } from '../../store/pools.ts';
import { cancelQueuedLabelTasks, currentPolicy, insertEscalation, insertStageTask, itemPosition, itemTaskRoutes, unrouteQueuedTask } from '../../store/routing.ts';
import { itemLabellers } from '../../store/task-claims.ts';
import { reopenTask } from '../../store/tasks.ts';
import { findItemState, saveItemState } from '../../store/item-states.ts';
import { closeReviewTasks } from '../../store/workflow.ts';
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

/** Run it in a transaction. Null when the experts have decided the item already: nothing is escalated. */
export async function escalateItem(tx: Db, input: EscalateInput): Promise<Escalation | null> {
  const item = await findItem(tx, input.itemId);
  if (!item || item.projectId !== input.project.id) throw notFound('item', input.itemId);
  if (input.reason === 'edge_case' && !item.edgeCase) await updateItemAttributes(tx, item.id, { edgeCase: true });
  const state = await findItemState(tx, input.project.id, item.id);
  if (state?.stage === 'accepted' && state.method === 'adjudication') return null;
  const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
  if (state?.stage !== 'adjudication') {
    await saveItemState(tx, {
      projectId: input.project.id,
      itemId: item.id,
      stage: 'adjudication',
      consensus: state?.consensus ?? null,
      // Not the import's: a retried import would settle the item out of the experts' hands (settle-imported.ts).
      method: state && state.method !== IMPORTED_METHOD ? (state.method ?? 'none') : 'escalated',
      confidence: state?.confidence ?? null,
      agreement: input.agreement ?? state?.agreement ?? null,
      reason,
    });
    if (state?.stage === 'review') await closeReviewTasks(tx, input.project.id, item.id);
  }

  const pools = await listPools(tx);
  const kinds = new Map(pools.map((p) => [p.id, p.kind]));
  const tasks = await itemTaskRoutes(tx, input.project.id, item.id);
  // Two annotators flagging the item, or a flag on an item the engine sent up: one adjudication.
  const open = tasks.find((t) => t.stage === 'adjudicate' && (t.status === 'queued' || t.status === 'leased'));
  const current = currentTier(tasks, kinds);
  const fromPool = tasks.find((t) => t.poolId !== null && taskTier(t, kinds) === current)?.poolId ?? null;

  // The item's adjudication already open stays where it is; otherwise the policy names the experts.
  const route = open
    ? { poolId: open.poolId, poolKey: pools.find((p) => p.id === open.poolId)?.key ?? null, role: open.memberRole === 'expert' ? ('expert' as const) : null, priority: open.priority, rule: open.routedBy }
    : await routeToExperts(tx, input, item, current, kinds);

  if (input.reason === 'edge_case') await cancelQueuedLabelTasks(tx, input.project.id, item.id);
  const taskId =
    open?.taskId ??
    (await insertStageTask(tx, {
      projectId: input.project.id,
      itemId: item.id,
      stage: 'adjudicate',
      poolId: route.poolId,
      memberRole: route.role,
      priority: route.priority,
      routedBy: route.rule,
    }));
  const escalationId = await insertEscalation(tx, {
    projectId: input.project.id,
    itemId: item.id,
    reason,
    fromPool,
    toPool: route.poolId,
    rule: route.rule,
    createdBy: input.actor ? authorId(input.actor) : null,
  });
  await recordAuditEvents(tx, [
    {
      at: new Date().toISOString(),
      actorId: input.actor ? authorId(input.actor) : null,
      actorEmail: input.actor?.user.email ?? null,
      poolId: route.poolId,
      action: 'item.escalate',
      subjectType: 'item',
      subjectId: item.id,
      projectId: input.project.id,
      sourceIp: input.sourceIp ?? null,
      details: { reason: input.reason, fromPool, toPool: route.poolId, rule: route.rule, taskId },
    },
  ]);
  return { escalationId, taskId, toPool: route.poolKey, rule: route.rule };
}

interface AdjudicationRoute {
  poolId: number | null;
  poolKey: string | null;
  role: 'expert' | null;
  priority: number;
  rule: string | null;
}

/** Where a new adjudication goes: the policy, asked again with what is now known of the item. */
async function routeToExperts(tx: Db, input: EscalateInput, item: Item, current: number, kinds: ReadonlyMap<number, PoolKind>): Promise<AdjudicationRoute> {
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
  const labellers = await itemLabellers(tx, input.project.id, item.id);
  const target = escalationTarget(decision.targets, current, kinds, await poolsWithExperts(tx, decision.targets.map((t) => t.poolId), labellers));
  // Without a pool whose experts stand higher, the work stays with in-house staff and experts (unrouted).
  return { poolId: target?.poolId ?? null, poolKey: target?.poolKey ?? null, role: target?.role ?? null, priority: 50 + decision.priority, rule: target ? decision.rule : null };
}

/**
 * The pools among these with an expert who may take the item's adjudication now: a paused member
 * claims nothing, and nobody is handed the adjudication of an item they labelled (notLabelledBy in
 * store/task-claims.ts). A pool whose only expert labelled the item would hold it for good.
 */
async function poolsWithExperts(tx: Db, poolIds: readonly number[], labellers: ReadonlySet<number>): Promise<Set<number>> {
  const found = new Set<number>();
  for (const poolId of new Set(poolIds)) {
    if ((await listMembers(tx, poolId)).some((m) => m.role === 'expert' && !m.paused && !labellers.has(m.userId))) found.add(poolId);
  }
  return found;
}

/**
 * An adjudication answered by someone who labelled the item, which the workflow engine does not
 * let stand (advance-workflow.ts): its task goes back to the queue, ahead of fresh work, for another
 * expert, whose answer will supersede it. It stays with its pool while the pool has an expert who
 * may take it, else it is left unrouted, for in-house staff and experts, as escalation would.
 */
export async function reopenAdjudication(tx: Db, projectId: number, itemId: number, taskId: number): Promise<void> {
  if (!(await reopenTask(tx, projectId, taskId))) return;
  const poolId = (await itemTaskRoutes(tx, projectId, itemId)).find((t) => t.taskId === taskId)?.poolId ?? null;
  if (poolId === null) return;
  if (!(await poolsWithExperts(tx, [poolId], await itemLabellers(tx, projectId, itemId))).has(poolId)) await unrouteQueuedTask(tx, projectId, taskId);
}
