/**
 * What a review does to the item's way: an accept or a correction of every current answer accepts the
 * item (the corrections count as the answers); a rejection sends the work back — to its annotator or
 * to another, as the QA policy says — or the item to the experts. Imported labels: apply-imported-review.ts.
 */
import type { Annotation } from '../../core/items.ts';
import type { Project } from '../../core/projects.ts';
import type { Review } from '../../core/reviews.ts';
import type { Db } from '../../store/database.ts';
import { listItemReviews } from '../../store/reviews.ts';
import { recordSkip, reopenTask } from '../../store/tasks.ts';
import { saveItemState } from '../../store/item-states.ts';
import { closeReviewTasks, currentLabelAnswers } from '../../store/workflow.ts';
import { escalateItem } from '../routing/escalate-item.ts';
import { applyImportedReview } from './apply-imported-review.ts';
import type { WorkCache } from '../work-cache.ts';
import { itemConsensus } from '../../core/quality/item-consensus.ts';

export async function applyReview(tx: Db, project: Project, reviewed: Annotation, review: Review, cache: WorkCache): Promise<void> {
  // An imported label has no task to send back, and its item was settled by the import.
  if (reviewed.source === 'import') return applyImportedReview(tx, project, reviewed, review, cache);
  const policy = project.qaPolicy;
  if (review.decision === 'reject') {
    await closeReviewTasks(tx, project.id, reviewed.itemId);
    if (policy.onReject === 'adjudicate') {
      // The escalation moves the item's stage to adjudication (escalate-item.ts).
      await escalateItem(tx, { actor: null, project, itemId: reviewed.itemId, reason: 'review_rejected' });
      return;
    }
    if (reviewed.taskId === null) return;
    const same = policy.reworkTo === 'same' && reviewed.annotatorId !== null;
    await reopenTask(tx, project.id, reviewed.taskId, same ? reviewed.annotatorId : null);
    if (!same && reviewed.annotatorId !== null) {
      // Another annotator redoes it: the one whose work was rejected is not offered this item again.
      await recordSkip(tx, { projectId: project.id, itemId: reviewed.itemId, stage: 'label' }, reviewed.annotatorId, 'rejected in review');
    }
    return;
  }
  // Accept or correct: the item is accepted once every current answer has been accepted or corrected.
  const answers = await currentLabelAnswers(tx, project.id, reviewed.itemId);
  const reviews = await listItemReviews(tx, project.id, reviewed.itemId);
  const settled = new Set(reviews.filter((r) => r.decision !== 'reject').flatMap((r) => [r.annotationId, r.correctedAnnotationId ?? -1]));
  if (answers.length === 0 || !answers.every((a) => settled.has(a.annotationId))) return;
  const schema = await cache.schema(tx, project.id, project.schemaVersion);
  const consensus = itemConsensus(schema, answers.map((a) => ({ annotator: String(a.annotatorId), result: a.result, weight: 1 })));
  await saveItemState(tx, {
    projectId: project.id,
    itemId: reviewed.itemId,
    stage: 'accepted',
    consensus: consensus.result,
    method: 'reviewed',
    confidence: consensus.confidence,
    agreement: consensus.agreement,
    reason: review.decision === 'correct' ? 'corrected in review' : 'accepted in review',
    acceptedAt: review.createdAt,
  });
  await closeReviewTasks(tx, project.id, reviewed.itemId);
}
