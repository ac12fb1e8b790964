/**
 * The conditions the review and adjudication queues share with the stage counts, in one place so
 * that "waits for a reviewer" means the same on the quality screen as in the reviewer's queue.
 */
import { type RawBuilder, sql } from 'kysely';
import { IMPORTED_METHOD } from '../core/quality/imported-stage.ts';
import { doneInPools, poolIn, type PoolIds } from './pool-scope-sql.ts';

/**
 * The rows of a queue walk (by `updated_at`, then `item_id`, as `item_states_queue_idx`) that come
 * after the given item. The item's key is read in SQL, not passed in: a JavaScript date drops
 * PostgreSQL's microseconds, and a rounded cursor would skip or repeat items that entered the
 * stage in the same millisecond. If that item has left the table meanwhile, the walk ends.
 */
export function afterInQueue(alias: string, projectId: number, afterItemId: number | null): RawBuilder<boolean> {
  if (afterItemId === null) return sql<boolean>`true`;
  const cursorAt = sql`(SELECT c.updated_at FROM item_states c WHERE c.project_id = ${projectId} AND c.item_id = ${afterItemId})`;
  return sql<boolean>`(${sql.ref(`${alias}.updated_at`)}, ${sql.ref(`${alias}.item_id`)}) > (${cursorAt}, ${afterItemId}::bigint)`;
}

/**
 * The item (`alias`, a row of item_states) has a current human annotation nobody reviewed yet. An
 * annotation is current when nothing supersedes it. A reviewer's correction is the review's
 * outcome, not new work to review. An item in review without one waits for rework instead.
 * With `pools`, only work done in those pools counts (a vendor's reviewer reviews their own).
 *
 * Imported labels wait too, on the items an import settled (imported-stage.ts), until a review
 * accepts or corrects them: a rejection the file carries left nobody here to redo the work, so a
 * reviewer decides; one made here moves the item on (apply-imported-review.ts). On items the
 * engine, a reviewer or the experts settled since, an imported label is not what decided them.
 */
export function waitsForReviewer(alias: string, pools: PoolIds = null): RawBuilder<boolean> {
  const s = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`(EXISTS (
    SELECT 1 FROM annotations a
    WHERE a.project_id = ${s('project_id')} AND a.item_id = ${s('item_id')} AND a.source = 'human'
      AND ${doneInPools('a', pools)}
      AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.annotation_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM reviews c WHERE c.corrected_annotation_id = a.id))
    OR (${s('method')} = ${sql.lit(IMPORTED_METHOD)} AND EXISTS (
    SELECT 1 FROM annotations a
    WHERE a.project_id = ${s('project_id')} AND a.item_id = ${s('item_id')} AND a.source = 'import'
      AND ${doneInPools('a', pools)}
      AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.annotation_id = a.id AND r.decision <> 'reject'))))`;
}

/**
 * The item (`alias`, a row of item_states) may be reviewed by a reader of `pools`: its open review
 * task, if a routing rule named who reviews (`reviewBy`), names one of them. Without it, a vendor's
 * own reviewer would take the sample the policy kept for in-house reviewers of vendor work. Readers
 * of every pool (staff, in-house members: pools null) oversee all of it.
 */
export function reviewableInPools(alias: string, pools: PoolIds): RawBuilder<boolean> {
  if (pools === null) return sql<boolean>`true`;
  const s = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM tasks rt
    WHERE rt.project_id = ${s('project_id')} AND rt.item_id = ${s('item_id')} AND rt.stage = 'review'
      AND rt.status IN ('queued', 'leased') AND rt.pool_id IS NOT NULL AND NOT ${poolIn('rt.pool_id', pools)})`;
}
