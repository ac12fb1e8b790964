/**
 * Puts items whose labels an import brought into their workflow stage (core/quality/imported-stage.ts):
 * the engine reads the answers to label tasks, and imported labels have none. Recomputed from what
 * is stored, never from the file, so that a retried import settles the same items the same way.
 * Items sent to review get a review task, as the engine's do.
 */
import type { LabelSchema } from '../../core/label-schema.ts';
import { itemConsensus } from '../../core/quality/item-consensus.ts';
import { IMPORTED_METHOD, importedStage } from '../../core/quality/imported-stage.ts';
import type { Project } from '../../core/projects.ts';
import type { Db } from '../../store/database.ts';
import { currentImportedAnswersOf } from '../../store/imported-work.ts';
import { itemStatesOf, type NewItemState, saveItemStates } from '../../store/item-states.ts';
import { itemsReviewedHere } from '../../store/reviews.ts';
import { openReviewTasks } from '../../store/workflow.ts';

/**
 * The items whose stage the import decides: none yet, or one an import gave. Where work done here
 * moved the item (a rejection waiting for its rework, the engine, the experts), its label tasks are
 * that work's: a retried import must not close a re-opened one.
 */
export async function importSettles(tx: Db, projectId: number, itemIds: number[]): Promise<number[]> {
  const states = await itemStatesOf(tx, projectId, itemIds);
  const open = itemIds.filter((id) => (states.get(id)?.method ?? IMPORTED_METHOD) === IMPORTED_METHOD);
  // A review begun here (one label of two accepted, say) leaves the item to the reviewers: the
  // file's history would accept it on that one review, where the reviewers wait for every label.
  const begun = await itemsReviewedHere(tx, projectId, open);
  return open.filter((id) => !begun.has(id));
}

/**
 * Run it in the import's transaction, on the items importSettles chose (the import closes their
 * label tasks with the same list). Returns the stage each item went to (items without imported
 * labels are left out).
 */
export async function settleImportedItems(tx: Db, project: Project, schema: LabelSchema, open: number[]): Promise<Map<number, 'accepted' | 'review'>> {
  const settled = new Map<number, 'accepted' | 'review'>();
  const answersOf = await currentImportedAnswersOf(tx, project.id, open);
  const toSave: NewItemState[] = [];
  for (const itemId of open) {
    const next = importedStage(project.qaPolicy, itemId, answersOf.get(itemId) ?? []);
    if (!next) continue;
    const consensus = itemConsensus(schema, next.answers.map((a) => ({ annotator: String(a.annotatorId ?? `#${a.annotationId}`), result: a.result, weight: 1 })));
    toSave.push({
      projectId: project.id,
      itemId,
      stage: next.stage,
      consensus: consensus.result,
      method: IMPORTED_METHOD,
      confidence: consensus.confidence,
      agreement: consensus.agreement,
      reason: next.reason,
      acceptedAt: next.stage === 'accepted' ? next.acceptedAt : null,
    });
    settled.set(itemId, next.stage);
  }
  await saveItemStates(tx, toSave);
  // A review task, as the engine gives the items it sends to review: a reviewer's claim takes it.
  await openReviewTasks(tx, project.id, [...settled].filter(([, stage]) => stage === 'review').map(([itemId]) => itemId));
  return settled;
}
