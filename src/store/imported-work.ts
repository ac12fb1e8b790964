/**
 * What settling imported work reads: the current imported labels of items with their review and
 * pool, and the pools an import's annotations may be credited to.
 */
import { sql } from 'kysely';
import type { AnnotationResult } from '../core/label-schema.ts';
import type { ImportedAnswer } from '../core/quality/imported-stage.ts';
import type { PoolKind } from '../core/workforce.ts';
import type { Db } from './database.ts';

/**
 * The imported labels of these items that nothing supersedes, each with its latest review (a
 * correction counts as reviewed by the review that made it), oldest first. A reviewer's correction
 * of an imported label made here stands in for it: it is the label now, though a person made it.
 */
export async function currentImportedAnswersOf(db: Db, projectId: number, itemIds: number[]): Promise<Map<number, ImportedAnswer[]>> {
  const out = new Map<number, ImportedAnswer[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return out;
  const { rows } = await sql<{
    id: number; item_id: number; annotator_id: number | null; result: AnnotationResult; created_at: Date;
    key: string | null; kind: PoolKind | null; decision: 'accept' | 'correct' | 'reject' | null; reviewed_at: Date | null;
  }>`
    SELECT a.id, a.item_id, a.annotator_id, a.result, a.created_at, p.key, p.kind, rv.decision, rv.created_at AS reviewed_at
    FROM annotations a
    LEFT JOIN pools p ON p.id = a.pool_id
    LEFT JOIN LATERAL (
      SELECT r.decision, r.created_at FROM reviews r
      WHERE r.project_id = a.project_id AND r.item_id = a.item_id AND (r.annotation_id = a.id OR r.corrected_annotation_id = a.id)
      ORDER BY r.created_at DESC, r.id DESC LIMIT 1
    ) rv ON true
    WHERE a.project_id = ${projectId} AND a.item_id = ANY(${itemIds}::bigint[])
      AND (a.source = 'import' OR (a.source = 'human' AND EXISTS (
        SELECT 1 FROM reviews c JOIN annotations o ON o.id = c.annotation_id
        WHERE c.corrected_annotation_id = a.id AND o.source = 'import')))
      AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = a.id)
    ORDER BY a.item_id, a.id`.execute(db);
  for (const r of rows) {
    out.get(r.item_id)?.push({
      annotationId: r.id,
      annotatorId: r.annotator_id,
      result: r.result,
      createdAt: r.created_at,
      poolKey: r.key,
      poolKind: r.kind,
      review: r.decision === null ? null : { decision: r.decision, at: r.reviewed_at! },
    });
  }
  return out;
}

/** Pools by key, of those keys that name one here. */
export async function poolsByKey(db: Db, keys: string[]): Promise<Map<string, { id: number; kind: PoolKind }>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<{ id: number; key: string; kind: PoolKind }>`
    SELECT id, key, kind FROM pools WHERE key = ANY(${keys}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.key, { id: r.id, kind: r.kind }]));
}

/** Of these people, those who are members of exactly one of the project's pools, with that pool. */
export async function onlyProjectPoolOf(db: Db, projectId: number, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await sql<{ user_id: number; pool_id: number }>`
    SELECT pm.user_id, min(pm.pool_id) AS pool_id
    FROM pool_members pm JOIN project_pools pp ON pp.pool_id = pm.pool_id AND pp.project_id = ${projectId}
    WHERE pm.user_id = ANY(${userIds}::bigint[])
    GROUP BY pm.user_id
    HAVING count(*) = 1`.execute(db);
  return new Map(rows.map((r) => [Number(r.user_id), Number(r.pool_id)]));
}

/**
 * A label task of the item that is done with no answer, as an import leaves those of the items it
 * brings labels for (closeLabelTasks), the first; null when there is none.
 */
export async function unansweredLabelTask(db: Db, projectId: number, itemId: number): Promise<number | null> {
  const { rows } = await sql<{ id: number }>`
    SELECT t.id FROM tasks t
    WHERE t.project_id = ${projectId} AND t.item_id = ${itemId} AND t.stage = 'label' AND NOT t.gold AND t.status = 'done'
      AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id)
    ORDER BY t.slot, t.id
    LIMIT 1`.execute(db);
  return rows[0] ? Number(rows[0].id) : null;
}
