/**
 * What a review made here does to an item whose labels were imported (settle-imported.ts): what
 * apply-review.ts does for work done here, except where a label with no task differs.
 *  - It moves only the items the import settled. Where this Atelier's annotators, a reviewer or the
 *    experts have moved the item since, an imported label is not what decided it: the review is
 *    recorded, and their word stands.
 *  - Accept or correct: the item is accepted once every current imported label has been accepted
 *    or corrected (the corrections are the labels now), as for work done here.
 *  - Reject, the QA policy sending rejections to the experts: to the experts, as for work done here.
 *  - Reject, the policy asking for rework: there is no task to send back, and whoever made the
 *    label may not work here at all. The item is labelled afresh by this Atelier's annotators: a
 *    label task the import closed unanswered is queued again, for anyone (reserved for the label's
 *    author, it could be stranded: they may be in none of the project's pools), or a label task
 *    still open is waited for; the engine then settles the item from that answer, as any other.
 *    With no label task at all nobody here would redo the work: to the experts, who label it.
 * Once a review made here moved the item, it is the reviewers' (method `reviewed`): a retried
 * import no longer settles it, and its imported labels no longer wait for a reviewer.
 */
import type { Annotation } from '../../core/items.ts';
import type { Project } from '../../core/projects.ts';
import { IMPORTED_METHOD } from '../../core/quality/imported-stage.ts';
import { itemConsensus } from '../../core/quality/item-consensus.ts';
import type { Review } from '../../core/reviews.ts';
import type { Db } from '../../store/database.ts';
import { currentImportedAnswersOf, unansweredLabelTask } from '../../store/imported-work.ts';
import { recordSkip, reopenTask } from '../../store/tasks.ts';
import { findItemState, type ItemState, saveItemState } from '../../store/item-states.ts';
import { closeReviewTasks, openLabelTasks } from '../../store/workflow.ts';
import { escalateItem } from '../routing/escalate-item.ts';
import type { WorkCache } from '../work-cache.ts';

const REVIEWED = 'reviewed';

export async function applyImportedReview(tx: Db, project: Project, reviewed: Annotation, review: Review, cache: WorkCache): Promise<void> {
  const state = await findItemState(tx, project.id, reviewed.itemId);
  if (state?.method !== IMPORTED_METHOD) return;
  if (review.decision === 'reject') return rejectImported(tx, project, reviewed, state);

  const answers = (await currentImportedAnswersOf(tx, project.id, [reviewed.itemId])).get(reviewed.itemId) ?? [];
  if (answers.length === 0 || !answers.every((a) => a.review !== null && a.review.decision !== 'reject')) return;
  const schema = await cache.schema(tx, project.id, project.schemaVersion);
  const consensus = itemConsensus(schema, answers.map((a) => ({ annotator: String(a.annotatorId ?? `#${a.annotationId}`), result: a.result, weight: 1 })));
  await saveItemState(tx, {
    projectId: project.id,
    itemId: reviewed.itemId,
    stage: 'accepted',
    consensus: consensus.result,
    method: REVIEWED,
    confidence: consensus.confidence,
    agreement: consensus.agreement,
    reason: review.decision === 'correct' ? 'corrected in review' : 'accepted in review',
    acceptedAt: review.createdAt,
  });
  await closeReviewTasks(tx, project.id, reviewed.itemId);
}

async function rejectImported(tx: Db, project: Project, reviewed: Annotation, state: ItemState): Promise<void> {
  const policy = project.qaPolicy;
  await closeReviewTasks(tx, project.id, reviewed.itemId);
  const moveTo = (stage: 'review' | 'adjudication') =>
    saveItemState(tx, {
      projectId: project.id,
      itemId: reviewed.itemId,
      stage,
      consensus: state.consensus,
      method: REVIEWED,
      confidence: state.confidence,
      agreement: state.agreement,
      reason: 'review_rejected',
    });
  if (policy.onReject === 'rework' && (await labelWorkQueued(tx, project.id, reviewed.itemId))) {
    // In review still, waiting for the rework, as work done here waits for its redo.
    await moveTo('review');
    if (policy.reworkTo === 'other' && reviewed.annotatorId !== null) {
      await recordSkip(tx, { projectId: project.id, itemId: reviewed.itemId, stage: 'label' }, reviewed.annotatorId, 'rejected in review');
    }
    return;
  }
  await moveTo('adjudication');
  await escalateItem(tx, { actor: null, project, itemId: reviewed.itemId, reason: 'review_rejected' });
}

/** A label task of the item is open, or one the import closed unanswered is queued again. */
async function labelWorkQueued(tx: Db, projectId: number, itemId: number): Promise<boolean> {
  if ((await openLabelTasks(tx, projectId, itemId)) > 0) return true;
  const task = await unansweredLabelTask(tx, projectId, itemId);
  return task !== null && (await reopenTask(tx, projectId, task));
}
