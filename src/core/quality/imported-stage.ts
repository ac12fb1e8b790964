/**
 * Where an item stands once its labels were imported. Imported labels come with no label task, so
 * the workflow engine never reads them; the history the file carries decides instead:
 *  - a review accepted or corrected the item's work: accepted, when that review was made;
 *  - a review rejected it and none vouched for it: review (nothing in the file redid the work);
 *  - no review: accepted when the labels were made, unless the QA policy samples the work of their
 *    pool for review (the same deterministic draw as the engine's).
 * Low agreement between imported labels does not send an item to the experts: the file's labels
 * are ground truth, and the engine only adjudicates the answers of this Atelier's annotators.
 */
import type { AnnotationResult } from '../label-schema.ts';
import type { PoolKind } from '../workforce.ts';
import { nextStage, type QaPolicy } from './qa-policy.ts';

/** The method of the item states an import settles: how they are told apart from the engine's, reviewers' and experts'. */
export const IMPORTED_METHOD = 'import';

export interface ImportedAnswer {
  annotationId: number;
  annotatorId: number | null;
  result: AnnotationResult;
  createdAt: Date;
  poolKey: string | null;
  poolKind: PoolKind | null;
  /** Its latest review, or the review whose correction it is; null when none. */
  review: { decision: 'accept' | 'correct' | 'reject'; at: Date } | null;
}

export type ImportedStage =
  | { stage: 'accepted'; reason: 'accepted in review' | 'corrected in review' | 'imported'; acceptedAt: Date; answers: ImportedAnswer[] }
  | { stage: 'review'; reason: 'review_rejected' | 'sampled'; answers: ImportedAnswer[] };

const latest = (dates: Date[]): Date => new Date(Math.max(...dates.map((d) => d.getTime())));

/** The stage of an item from its current imported answers; null when it has none. */
export function importedStage(policy: QaPolicy, itemId: number, answers: readonly ImportedAnswer[]): ImportedStage | null {
  if (answers.length === 0) return null;
  const vouched = answers.filter((a) => a.review !== null && a.review.decision !== 'reject');
  const rejected = answers.filter((a) => a.review?.decision === 'reject');
  if (vouched.length > 0) {
    // The label is what was not turned down: the vouched answers, and those nobody reviewed.
    const last = vouched.reduce((x, y) => (y.review!.at > x.review!.at ? y : x));
    return {
      stage: 'accepted',
      reason: last.review!.decision === 'correct' ? 'corrected in review' : 'accepted in review',
      acceptedAt: last.review!.at,
      answers: answers.filter((a) => !rejected.includes(a)),
    };
  }
  if (rejected.length > 0) return { stage: 'review', reason: 'review_rejected', answers: [...answers] };
  const next = nextStage(policy, {
    itemId,
    agreement: null,
    goldFailed: false,
    labellers: answers.map((a) => ({ poolKey: a.poolKey, poolKind: a.poolKind })),
    ruleReviewSample: null,
  });
  if (next.stage === 'review') return { stage: 'review', reason: 'sampled', answers: [...answers] };
  return { stage: 'accepted', reason: 'imported', acceptedAt: latest(answers.map((a) => a.createdAt)), answers: [...answers] };
}

/**
 * Whether an item's imported label keeps its state when an answer to a label task comes in (a task
 * someone held while the import closed the others). The file's label, or a review of it made here
 * (method `reviewed`, the item holding imported labels), is reviewed ground truth: a lone answer
 * nobody reviewed must not replace it. The answer is kept; a reviewer who accepts it moves the item
 * as any review does. Only an item rejected in review and waiting for its rework (in review,
 * `review_rejected`, method `reviewed`) is settled from the new answers: they are that rework.
 */
export function importedStateStands(state: { method: string | null; stage: string; reason: string | null }, hasImportedLabels: boolean): boolean {
  if (state.method === IMPORTED_METHOD) return true;
  if (state.method !== 'reviewed' || !hasImportedLabels) return false;
  return !(state.stage === 'review' && state.reason === 'review_rejected');
}
