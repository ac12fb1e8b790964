import { DomainError, forbidden, notFound } from '../core/errors.ts';
import { type AnnotationResult, validateAnnotationResult } from '../core/label-schema.ts';
import type { Review, ReviewDecision } from '../core/reviews.ts';
import type { Actor } from '../core/users.ts';
import { annotationDoneInPools, findAnnotation, insertAnnotation, isSuperseded } from '../store/annotations.ts';
import type { Db } from '../store/database.ts';
import { findItem } from '../store/items.ts';
import { insertReview, itemReviewableInPools, reviewDecidedHere } from '../store/reviews.ts';
import { actorCan } from './authenticate.ts';
import { auditReview } from './audit/record.ts';
import { itemAccessFor } from './item-access.ts';
import { redactionFor } from './privacy/pool-results.ts';
import { mapSubmittedResult } from './privacy/text-for-pool.ts';
import type { WorkCache } from './work-cache.ts';
import { workScope } from './quality/work-scope.ts';
import { applyReview } from './workflow/apply-review.ts';

const DECIDED: Record<ReviewDecision, string> = { accept: 'accepted', correct: 'corrected', reject: 'rejected' };

export interface ReviewAnnotationInput {
  actor: Actor;
  annotationId: number;
  decision: ReviewDecision;
  /** Shown to the annotator; required when rejecting. */
  comment?: string | null;
  /** The corrected result, for `correct`. */
  result?: AnnotationResult;
}

/**
 * A reviewer's verdict on an annotation. Accept records it; correct stores the reviewer's fixed
 * version as a new annotation that supersedes the reviewed one; reject sends the task back to the
 * queue with the comment for the annotator. Run it in a transaction.
 */
export async function reviewAnnotation(tx: Db, input: ReviewAnnotationInput, cache: WorkCache): Promise<Review> {
  const { actor } = input;
  if (!actorCan(actor, 'review')) throw forbidden('reviewing needs the reviewer role');
  const annotation = await findAnnotation(tx, input.annotationId);
  if (!annotation) throw notFound('annotation', input.annotationId);
  // Reviewing reads the item: the reader's pool limits hold here too.
  await itemAccessFor(tx, actor, annotation.itemId, cache).catch(() => {
    throw notFound('annotation', input.annotationId);
  });
  // A vendor's reviewer judges their own pools' work only (see work-scope.ts).
  const scope = await workScope(tx, actor, cache);
  if (!(await annotationDoneInPools(tx, annotation.id, scope?.ids ?? null))) throw notFound('annotation', input.annotationId);
  // A routing rule that names who reviews (reviewBy) keeps the sample from the vendor's own reviewer.
  if (!(await itemReviewableInPools(tx, annotation.projectId, annotation.itemId, scope?.ids ?? null))) {
    throw forbidden('a routing rule sends this item\'s review to another pool\'s reviewers');
  }
  // Imported ground truth is reviewed as work done here is; predictions are not.
  if (annotation.source === 'model') throw new DomainError('conflict', 'model predictions are not reviewed; review the annotations made from them');
  if (annotation.annotatorId === actor.user.id) throw forbidden('you cannot review your own annotation');
  // Read before the checks below: it holds off a second reviewer until this review is in.
  const decided = await reviewDecidedHere(tx, annotation.id);
  if (await isSuperseded(tx, annotation.id)) throw new DomainError('conflict', 'this annotation was corrected since; review the latest version');
  // One decision per annotation: a second one contradicted the first while the item stayed where
  // the first had sent it, and was counted as review work again. Rework is a new annotation, and a
  // rejection an import carried leaves the label for a reviewer here (reviewDecidedHere).
  if (decided) {
    throw new DomainError('conflict', `this annotation was already reviewed: ${DECIDED[decided.decision]}${decided.reviewerName ? ` by ${decided.reviewerName}` : ''}`, {
      reviewId: decided.id,
      decision: decided.decision,
      reviewerId: decided.reviewerId,
    });
  }
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) {
    throw new DomainError('validation_failed', 'say why you reject it: the annotator sees your comment', { issues: [{ path: 'comment', message: 'required when rejecting' }] });
  }
  // Only a correction stores a result: with an accept or a rejection it would be dropped unread.
  if (input.decision !== 'correct' && input.result !== undefined) {
    throw new DomainError('validation_failed', `a result goes with a correction only: send decision "correct" to store it, or leave it out to ${input.decision}`, {
      issues: [{ path: 'result', message: 'only allowed when correcting' }],
    });
  }

  let correctedAnnotationId: number | null = null;
  if (input.decision === 'correct') {
    if (!input.result) throw new DomainError('validation_failed', 'a correction needs the corrected result', { issues: [{ path: 'result', message: 'required when correcting' }] });
    // The reviewer's pool may see the text redacted: the correction goes onto the original.
    const { item, pool } = await itemAccessFor(tx, actor, annotation.itemId, cache);
    const poolText = await redactionFor(tx, { projectId: item.projectId, itemId: item.id, text: item.text, poolId: pool?.id ?? null }, pool);
    const submitted = poolText && item.text !== null ? mapSubmittedResult(input.result, poolText, item.text) : input.result;
    const schema = await cache.schema(tx, annotation.projectId, annotation.schemaVersion);
    const result = validateAnnotationResult(submitted, schema, item);
    const corrected = await insertAnnotation(tx, {
      projectId: annotation.projectId,
      itemId: annotation.itemId,
      taskId: annotation.taskId,
      annotatorId: actor.user.id,
      source: 'human',
      schemaVersion: annotation.schemaVersion,
      guidelinesVersion: annotation.guidelinesVersion,
      result,
      timeSpentMs: null,
      supersedesId: annotation.id,
    });
    correctedAnnotationId = corrected.id;
  }

  const review = await insertReview(tx, {
    projectId: annotation.projectId,
    itemId: annotation.itemId,
    annotationId: annotation.id,
    annotatorId: annotation.annotatorId,
    reviewerId: actor.user.id,
    decision: input.decision,
    comment,
    correctedAnnotationId,
  });
  // The review moves the item along: accepted, back to rework, or to the experts.
  const project = await cache.project(tx, annotation.projectId);
  if (project) await applyReview(tx, project, annotation, review, cache);
  await auditReview(tx, actor, {
    reviewId: review.id,
    annotationId: annotation.id,
    itemId: annotation.itemId,
    projectId: annotation.projectId,
    decision: input.decision,
    correctedAnnotationId,
  });
  return review;
}
