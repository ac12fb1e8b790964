import { type RawBuilder, sql } from 'kysely';
import type { Annotation } from '../core/items.ts';
import { IMPORTED_METHOD } from '../core/quality/imported-stage.ts';
import type { Review, ReviewDecision } from '../core/reviews.ts';
import { toAnnotation } from './annotations.ts';
import type { Db } from './database.ts';
import type { ReviewsTable } from './schema.ts';
import { doneInPools, type PoolIds } from './pool-scope-sql.ts';
import { afterInQueue, reviewableInPools, waitsForReviewer } from './queue-sql.ts';
import type { Selectable } from 'kysely';

type ReviewRow = Selectable<ReviewsTable> & { reviewer_name: string | null };

export function toReview(row: ReviewRow): Review {
  return {
    id: row.id,
    projectId: row.project_id,
    itemId: row.item_id,
    annotationId: row.annotation_id,
    annotatorId: row.annotator_id,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    decision: row.decision,
    comment: row.comment,
    correctedAnnotationId: row.corrected_annotation_id,
    createdAt: row.created_at,
  };
}

function selectReviews(db: Db) {
  return db.selectFrom('reviews as r').leftJoin('users as u', 'u.id', 'r.reviewer_id').selectAll('r').select('u.name as reviewer_name');
}

export interface NewReview {
  projectId: number;
  itemId: number;
  annotationId: number;
  annotatorId: number | null;
  reviewerId: number;
  decision: ReviewDecision;
  comment: string | null;
  correctedAnnotationId: number | null;
}

export async function insertReview(db: Db, review: NewReview): Promise<Review> {
  const { id } = await db
    .insertInto('reviews')
    .values({
      project_id: review.projectId,
      item_id: review.itemId,
      annotation_id: review.annotationId,
      annotator_id: review.annotatorId,
      reviewer_id: review.reviewerId,
      decision: review.decision,
      comment: review.comment,
      corrected_annotation_id: review.correctedAnnotationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return toReview(await selectReviews(db).where('r.id', '=', id).executeTakeFirstOrThrow());
}

/** The review `r` of the annotation `a` was made here, not carried by an import (see reviewDecidedHere); `c`: its correction. */
function madeHere(r: string, a: string, c: string): RawBuilder<boolean> {
  const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`NOT (${ref(a, 'source')} = 'import' AND ${ref(r, 'created_at')} = coalesce(${ref(c, 'created_at')}, ${ref(a, 'created_at')}))`;
}

/** Of `itemIds`, those with a review made here (not carried by an import) on any of their annotations. */
export async function itemsReviewedHere(db: Db, projectId: number, itemIds: readonly number[]): Promise<Set<number>> {
  if (itemIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('reviews as r')
    .innerJoin('annotations as a', 'a.id', 'r.annotation_id')
    .leftJoin('annotations as c', 'c.id', 'r.corrected_annotation_id')
    .select('r.item_id')
    .distinct()
    .where('r.project_id', '=', projectId)
    .where('r.item_id', 'in', [...itemIds])
    .where(madeHere('r', 'a', 'c'))
    .execute();
  return new Set(rows.map((r) => Number(r.item_id)));
}

/**
 * The review made here that decided the annotation, the first if there are several (made before
 * reviews were limited to one), or null. Run it in the reviewing transaction: it locks the
 * annotation first, so that a second reviewer deciding it at the same moment waits for this
 * transaction to end and then finds its review.
 *
 * A review an import carried is left out: its reviewer decided elsewhere, and one that rejects
 * leaves the imported label waiting for a reviewer here (waitsForReviewer). The import writes it
 * in the transaction that writes the label, with the label's own time (for a correction, the
 * correction's: jobs/import-rows.ts), since a file gives a review no time of its own. A review
 * made here bears the time of its own transaction, later than the import's.
 */
export async function reviewDecidedHere(tx: Db, annotationId: number): Promise<Review | null> {
  // FOR NO KEY UPDATE: two reviewers wait on each other, but not the statements that only
  // reference the annotation (a review's or a correction's foreign key takes FOR KEY SHARE).
  await sql`SELECT 1 FROM annotations WHERE id = ${annotationId} FOR NO KEY UPDATE`.execute(tx);
  const row = await selectReviews(tx)
    .innerJoin('annotations as a', 'a.id', 'r.annotation_id')
    .leftJoin('annotations as c', 'c.id', 'r.corrected_annotation_id')
    .where('r.annotation_id', '=', annotationId)
    .where(madeHere('r', 'a', 'c'))
    .orderBy('r.id')
    .limit(1)
    .executeTakeFirst();
  return row ? toReview(row) : null;
}

export async function listItemReviews(db: Db, projectId: number, itemId: number): Promise<Review[]> {
  const rows = await selectReviews(db).where('r.project_id', '=', projectId).where('r.item_id', '=', itemId).orderBy('r.id').execute();
  return rows.map(toReview);
}

/** Reviews of one annotator's work, newest first. */
export async function listReviewsOfAnnotator(db: Db, annotatorId: number, limit: number): Promise<Review[]> {
  const rows = await selectReviews(db).where('r.annotator_id', '=', annotatorId).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  return rows.map(toReview);
}

/**
 * Items the workflow sent to review (sampled by pool, or by the routing rule) whose current human
 * annotations wait for a reviewer (or imported labels, on the items an import sent to review), in
 * the order they entered review. An annotation is current when
 * nothing supersedes it, and waits while nobody reviewed it. Items not settled yet are not here:
 * their consensus decides whether they are reviewed at all.
 *
 * The walk follows `item_states_queue_idx` and stops after `limit` items, so a look costs the same
 * on a project of a million annotations as on a small one. `afterItemId` continues a walk after
 * that item (see `afterInQueue`). With `pools`, only items where work done in those pools
 * waits, with only that work (a vendor's reviewer reviews their own pools' work).
 *
 * An item's annotations come with those no review made here decided first (nor a reviewer's
 * correction): the review screen opens on the first, and an annotation takes one decision
 * (reviewDecidedHere). Those decided follow, for comparison.
 */
export async function listReviewQueue(
  db: Db, projectId: number, limit: number, afterItemId: number | null = null, pools: PoolIds = null,
): Promise<{ itemId: number; annotations: Annotation[]; decided: Map<number, ReviewDecision> }[]> {
  const items = await sql<{ item_id: number; method: string | null }>`
    SELECT s.item_id, s.method FROM item_states s
    WHERE s.project_id = ${projectId} AND s.stage = 'review' AND ${afterInQueue('s', projectId, afterItemId)}
      AND ${waitsForReviewer('s', pools)} AND ${reviewableInPools('s', pools)}
    ORDER BY s.updated_at, s.item_id
    LIMIT ${limit}`.execute(db);
  const ids = items.rows.map((r) => r.item_id);
  if (ids.length === 0) return [];
  // Imported labels are reviewed on the items an import settled only (see waitsForReviewer).
  const settledByImport = new Set(items.rows.filter((r) => r.method === IMPORTED_METHOD).map((r) => r.item_id));
  const rows = (await db
    .selectFrom('annotations as a')
    .selectAll('a')
    .where('a.project_id', '=', projectId)
    .where('a.item_id', 'in', ids)
    .where('a.source', 'in', settledByImport.size > 0 ? ['human', 'import'] : ['human'])
    .where(doneInPools('a', pools))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('annotations as n').select('n.id').whereRef('n.supersedes_id', '=', 'a.id'))))
    // The decision a reviewer here made on it already: the screen shows it, with nothing left to decide.
    .select(sql<ReviewDecision | null>`(
        SELECT r.decision FROM reviews r LEFT JOIN annotations c ON c.id = r.corrected_annotation_id
        WHERE r.annotation_id = a.id AND ${madeHere('r', 'a', 'c')} ORDER BY r.created_at DESC, r.id DESC LIMIT 1)`.as('decided_here'))
    .select(sql<boolean>`EXISTS (SELECT 1 FROM reviews k WHERE k.corrected_annotation_id = a.id)`.as('is_correction'))
    .orderBy('a.id')
    .execute()).filter((row) => row.source === 'human' || settledByImport.has(row.item_id));
  // What is left to decide first (a stable sort keeps the id order within each part).
  const undecided = (row: (typeof rows)[number]) => row.decided_here === null && !row.is_correction;
  rows.sort((x, y) => Number(undecided(y)) - Number(undecided(x)));
  const byItem = new Map<number, Annotation[]>(ids.map((id) => [id, []]));
  const decided = new Map<number, Map<number, ReviewDecision>>(ids.map((id) => [id, new Map()]));
  for (const row of rows) {
    byItem.get(row.item_id)?.push(toAnnotation(row));
    if (row.decided_here !== null) decided.get(row.item_id)?.set(row.id, row.decided_here);
  }
  return ids.map((itemId) => ({ itemId, annotations: byItem.get(itemId)!, decided: decided.get(itemId)! }));
}

/** The item's review is for readers of `pools` (see reviewableInPools): the queue's rule, checked on a review. */
export async function itemReviewableInPools(db: Db, projectId: number, itemId: number, pools: PoolIds): Promise<boolean> {
  if (pools === null) return true;
  const { rows } = await sql<{ ok: boolean }>`
    SELECT ${reviewableInPools('s', pools)} AS ok FROM (SELECT ${projectId}::bigint AS project_id, ${itemId}::bigint AS item_id) s`.execute(db);
  return rows[0]?.ok === true;
}
