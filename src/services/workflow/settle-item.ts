/**
 * An item whose label work is all in: its consensus and agreement, then the next stage by the QA
 * policy — adjudication by experts (low agreement, a failed gold check), review (sampled by pool),
 * or accepted.
 */
import { type ItemAnswer, itemConsensus } from '../../core/quality/item-consensus.ts';
import { nextStage } from '../../core/quality/qa-policy.ts';
import { scoreResult } from '../../core/quality/result-score.ts';
import type { Project } from '../../core/projects.ts';
import type { Db } from '../../store/database.ts';
import { knownAnswers } from '../../store/onboarding.ts';
import { findPoolByKey } from '../../store/pools.ts';
import { currentPolicy, insertStageTask } from '../../store/routing.ts';
import { currentLabelAnswers, findItemState, goldWeights, hasOpenStageTask, openLabelTasks, saveItemState } from '../../store/workflow.ts';
import { escalateItem } from '../routing/escalate-item.ts';
import type { WorkCache } from '../work-cache.ts';

export type SettledStage = 'review' | 'adjudication' | 'accepted';

/** Run it in a transaction. Returns the stage the item went to, or null when it is not ready. */
export async function settleItem(tx: Db, project: Project, itemId: number, cache: WorkCache): Promise<SettledStage | null> {
  if ((await openLabelTasks(tx, project.id, itemId)) > 0) return null;
  const state = await findItemState(tx, project.id, itemId);
  // An expert is on it, or has decided: their word stands.
  if (state?.stage === 'adjudication' || state?.method === 'adjudication') return null;
  const answers = await currentLabelAnswers(tx, project.id, itemId);
  if (answers.length === 0) return null;

  const weights = await goldWeights(tx, project.id);
  const schema = await cache.schema(tx, project.id, project.schemaVersion);
  const consensus = itemConsensus(
    schema,
    answers.map((a): ItemAnswer => ({ annotator: String(a.annotatorId), result: a.result, weight: (a.annotatorId !== null && weights.get(a.annotatorId)) || 1 })),
  );
  const known = (await knownAnswers(tx, project.id, [itemId])).get(itemId);
  const goldFailed = known !== undefined && scoreResult(consensus.result, known, schema).score < project.qaPolicy.goldPassScore;

  const policy = await currentPolicy(tx, project.id);
  const rule = policy?.policy.rules.find((r) => answers.some((a) => a.routedBy === r.name));
  const next = nextStage(project.qaPolicy, {
    itemId,
    agreement: consensus.agreement,
    goldFailed,
    labellers: answers.map((a) => ({ poolKey: a.poolKey, poolKind: a.poolKind })),
    ruleReviewSample: rule?.reviewSample ?? null,
  });
  const base = { projectId: project.id, itemId, consensus: consensus.result, method: 'weighted vote', confidence: consensus.confidence, agreement: consensus.agreement };

  if (next.stage === 'adjudication') {
    await saveItemState(tx, { ...base, stage: 'adjudication', reason: next.reason });
    if (!(await hasOpenStageTask(tx, project.id, itemId, 'adjudicate'))) {
      await escalateItem(tx, { actor: null, project, itemId, reason: next.reason, agreement: consensus.agreement });
    }
    return 'adjudication';
  }
  if (next.stage === 'review') {
    await saveItemState(tx, { ...base, stage: 'review', reason: next.reason });
    if (!(await hasOpenStageTask(tx, project.id, itemId, 'review'))) {
      const reviewPool = rule?.reviewBy?.[0] ? await findPoolByKey(tx, rule.reviewBy[0]) : null;
      await insertStageTask(tx, { projectId: project.id, itemId, stage: 'review', poolId: reviewPool?.id ?? null, memberRole: null, priority: 0, routedBy: rule?.name ?? null });
    }
    return 'review';
  }
  await saveItemState(tx, { ...base, stage: 'accepted', reason: next.reason });
  return 'accepted';
}
