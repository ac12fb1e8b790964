/**
 * Items whose label work is all in: their consensus and agreement, then the next stage by the QA
 * policy — adjudication by experts (low agreement, a failed gold check), review (sampled by pool),
 * or accepted. An item an expert holds or decided, or whose imported ground truth stands
 * (importedStateStands), keeps its state. Items are settled in batches: a handful of queries for
 * a hundred items.
 */
import { IMPORTED_METHOD, importedStateStands } from '../../core/quality/imported-stage.ts';
import { type ItemAnswer, itemConsensus } from '../../core/quality/item-consensus.ts';
import { nextStage } from '../../core/quality/qa-policy.ts';
import { scoreResult } from '../../core/quality/result-score.ts';
import type { Project } from '../../core/projects.ts';
import type { Db } from '../../store/database.ts';
import { currentImportedAnswersOf } from '../../store/imported-work.ts';
import { knownAnswers } from '../../store/onboarding.ts';
import { findPoolByKey } from '../../store/pools.ts';
import { currentPolicy, insertStageTask } from '../../store/routing.ts';
import { goldWeights } from '../../store/gold-results.ts';
import { itemStatesOf, type NewItemState, saveItemStates } from '../../store/item-states.ts';
import { currentLabelAnswersOf, hasOpenStageTask, itemsWithLabelsIn } from '../../store/workflow.ts';
import type { RoutingRule } from '../../core/routing/policy.ts';
import { escalateItem } from '../routing/escalate-item.ts';
import type { WorkCache } from '../work-cache.ts';

export type SettledStage = 'review' | 'adjudication' | 'accepted';

/** Run it in a transaction. Returns the stage each settled item went to (items not ready are left out). */
export async function settleItems(tx: Db, project: Project, itemIds: number[], cache: WorkCache): Promise<Map<number, SettledStage>> {
  const settled = new Map<number, SettledStage>();
  const ready = await itemsWithLabelsIn(tx, project.id, itemIds);
  if (ready.length === 0) return settled;
  const states = await itemStatesOf(tx, project.id, ready);
  // An expert is on it, or has decided: their word stands.
  const notExperts = ready.filter((id) => states.get(id)?.stage !== 'adjudication' && states.get(id)?.method !== 'adjudication');
  // Imported ground truth (or a review of it) is not replaced by a lone unreviewed answer: see importedStateStands.
  const maybeImported = notExperts.filter((id) => states.get(id)?.method === IMPORTED_METHOD || states.get(id)?.method === 'reviewed');
  const imported = await currentImportedAnswersOf(tx, project.id, maybeImported);
  const open = notExperts.filter((id) => {
    const state = states.get(id);
    return !state || !importedStateStands(state, (imported.get(id)?.length ?? 0) > 0);
  });
  if (open.length === 0) return settled;
  const answersOf = await currentLabelAnswersOf(tx, project.id, open);
  const weights = await goldWeights(tx, project.id);
  const known = await knownAnswers(tx, project.id, open);
  const schema = await cache.schema(tx, project.id, project.schemaVersion);
  const policy = await currentPolicy(tx, project.id);

  const toSave: NewItemState[] = [];
  const followUps: { itemId: number; stage: SettledStage; reason: string; agreement: number | null; rule: RoutingRule | undefined }[] = [];
  for (const itemId of open) {
    const answers = answersOf.get(itemId) ?? [];
    if (answers.length === 0) continue;
    const consensus = itemConsensus(
      schema,
      answers.map((a): ItemAnswer => ({ annotator: String(a.annotatorId), result: a.result, weight: (a.annotatorId !== null && weights.get(a.annotatorId)) || 1 })),
    );
    const answer = known.get(itemId);
    const goldFailed = answer !== undefined && scoreResult(consensus.result, answer, schema).score < project.qaPolicy.goldPassScore;
    const rule = policy?.policy.rules.find((r) => answers.some((a) => a.routedBy === r.name));
    const next = nextStage(project.qaPolicy, {
      itemId,
      agreement: consensus.agreement,
      goldFailed,
      labellers: answers.map((a) => ({ poolKey: a.poolKey, poolKind: a.poolKind })),
      ruleReviewSample: rule?.reviewSample ?? null,
    });
    // Accepted when its last answer came in, not when the engine got to it.
    const lastAnswerAt = new Date(Math.max(...answers.map((a) => a.createdAt.getTime())));
    toSave.push({ projectId: project.id, itemId, consensus: consensus.result, method: 'weighted vote', confidence: consensus.confidence, agreement: consensus.agreement, stage: next.stage, reason: next.reason, acceptedAt: lastAnswerAt });
    settled.set(itemId, next.stage);
    if (next.stage !== 'accepted') followUps.push({ itemId, stage: next.stage, reason: next.reason, agreement: consensus.agreement, rule });
  }
  await saveItemStates(tx, toSave);
  // Items that leave the common path get their next task: the experts' adjudication, or a review.
  for (const f of followUps) {
    if (f.stage === 'adjudication' && !(await hasOpenStageTask(tx, project.id, f.itemId, 'adjudicate'))) {
      await escalateItem(tx, { actor: null, project, itemId: f.itemId, reason: f.reason as 'low_agreement' | 'gold_failed', agreement: f.agreement });
    } else if (f.stage === 'review' && !(await hasOpenStageTask(tx, project.id, f.itemId, 'review'))) {
      const rule = f.rule;
      const reviewPool = rule?.reviewBy?.[0] ? await findPoolByKey(tx, rule.reviewBy[0]) : null;
      await insertStageTask(tx, { projectId: project.id, itemId: f.itemId, stage: 'review', poolId: reviewPool?.id ?? null, memberRole: null, priority: 0, routedBy: rule?.name ?? null });
    }
  }
  return settled;
}

/** One item (tests, and an item re-settled by hand). */
export async function settleItem(tx: Db, project: Project, itemId: number, cache: WorkCache): Promise<SettledStage | null> {
  return (await settleItems(tx, project, [itemId], cache)).get(itemId) ?? null;
}
