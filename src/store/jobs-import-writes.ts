/**
 * What an annotation import (a background job) reads and writes in bulk: the project's items an
 * imported record may name (by external id, by id, by text), the people it credits, and its
 * annotations and reviews with their history (times, tasks, reviewers), each batch in one
 * statement. The demo's finished work is written the same way.
 */
import { sql } from 'kysely';
import { type BatchColumn, batchRows } from './batch-rows.ts';
import type { Db } from './database.ts';

export interface ImportTargetItem {
  id: number;
  externalId: string | null;
  kind: 'image' | 'text';
  width: number | null;
  height: number | null;
  text: string | null;
}

type TargetRow = { id: number; external_id: string | null; kind: 'image' | 'text'; width: number | null; height: number | null; text: string | null };

const toTarget = (r: TargetRow): ImportTargetItem => ({ id: r.id, externalId: r.external_id, kind: r.kind, width: r.width, height: r.height, text: r.text });

export async function findItemsByExternalIds(db: Db, projectId: number, keys: string[]): Promise<Map<string, ImportTargetItem>> {
  if (keys.length === 0) return new Map();
  const result = await sql<TargetRow>`
    SELECT id, external_id, kind, width, height, text FROM items
    WHERE project_id = ${projectId} AND external_id = ANY(${keys}::text[])`.execute(db);
  return new Map(result.rows.map((r) => [r.external_id!, toTarget(r)]));
}

export async function findItemsByIds(db: Db, projectId: number, ids: number[]): Promise<Map<number, ImportTargetItem>> {
  if (ids.length === 0) return new Map();
  const result = await sql<TargetRow>`
    SELECT id, external_id, kind, width, height, text FROM items
    WHERE project_id = ${projectId} AND id = ANY(${ids}::bigint[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, toTarget(r)]));
}

/**
 * The lookup of a project's items by text. Each text probes the hash index on its own, and only then
 * is the project checked: the planner, left to choose, may read the whole project through one of
 * its `project_id` indexes (it did, on a table without statistics).
 */
export function itemsWithTexts(projectId: number, texts: string[]) {
  return sql<TargetRow>`
    SELECT m.id, m.external_id, m.kind, m.width, m.height, m.text
    FROM unnest(${texts}::text[]) AS t(text)
    CROSS JOIN LATERAL (SELECT id, project_id, external_id, kind, width, height, text FROM items WHERE text = t.text OFFSET 0) AS m
    WHERE m.project_id = ${projectId}
    ORDER BY m.id`;
}

/** Items whose text is exactly one of these, by text; the first (lowest id) when several share one. */
export async function findItemsByText(db: Db, projectId: number, texts: string[]): Promise<Map<string, ImportTargetItem>> {
  if (texts.length === 0) return new Map();
  const result = await itemsWithTexts(projectId, texts).execute(db);
  const found = new Map<string, ImportTargetItem>();
  for (const row of result.rows) if (!found.has(row.text!)) found.set(row.text!, toTarget(row));
  return found;
}

/** User ids by e-mail, keys lower-cased. */
export async function findUserIdsByEmail(db: Db, emails: string[]): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const result = await sql<{ id: number; email: string }>`
    SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY(${emails.map((e) => e.toLowerCase())}::text[])`.execute(db);
  return new Map(result.rows.map((r) => [r.email, r.id]));
}

/** Fresh annotation ids, so that a batch can say which of its own annotations one supersedes. */
export async function allocateAnnotationIds(db: Db, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence('annotations', 'id')) AS id FROM generate_series(1, ${count}::int) ORDER BY 1`.execute(db);
  return result.rows.map((r) => Number(r.id));
}

export interface ImportedAnnotationRow {
  id: number;
  projectId: number;
  itemId: number;
  /** The task the annotation finished, when the history has one. */
  taskId?: number | null;
  /** The pool it was made through, where no task says it (an import's). */
  poolId?: number | null;
  annotatorId: number | null;
  source: 'import' | 'model' | 'human';
  modelName: string | null;
  modelVersion: string | null;
  confidence: number | null;
  confidences: unknown;
  schemaVersion: number;
  guidelinesVersion: number | null;
  result: unknown;
  timeSpentMs: number | null;
  supersedesId: number | null;
  /** null: now. */
  createdAt: Date | null;
}

const ANNOTATION_COLUMNS: BatchColumn<ImportedAnnotationRow>[] = [
  { name: 'id', type: 'bigint', value: (r) => r.id },
  { name: 'project_id', type: 'bigint', value: (r) => r.projectId },
  { name: 'item_id', type: 'bigint', value: (r) => r.itemId },
  { name: 'task_id', type: 'bigint', value: (r) => r.taskId ?? null },
  { name: 'pool_id', type: 'bigint', value: (r) => r.poolId ?? null },
  { name: 'annotator_id', type: 'bigint', value: (r) => r.annotatorId },
  { name: 'source', type: 'text', value: (r) => r.source },
  { name: 'model_name', type: 'text', value: (r) => r.modelName },
  { name: 'model_version', type: 'text', value: (r) => r.modelVersion },
  { name: 'confidence', type: 'float8', value: (r) => r.confidence },
  { name: 'confidences', type: 'jsonb', value: (r) => (r.confidences == null ? null : JSON.stringify(r.confidences)) },
  { name: 'schema_version', type: 'int', value: (r) => r.schemaVersion },
  { name: 'guidelines_version', type: 'int', value: (r) => r.guidelinesVersion },
  { name: 'result', type: 'jsonb', value: (r) => JSON.stringify(r.result) },
  { name: 'time_spent_ms', type: 'int', value: (r) => r.timeSpentMs },
  { name: 'supersedes_id', type: 'bigint', value: (r) => r.supersedesId },
  { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt, stored: (v) => sql`coalesce(${v}, now())` },
];

/** Inserts a batch of annotations with the ids `allocateAnnotationIds` gave, in one statement, in id order. */
export async function insertImportedAnnotations(db: Db, rows: ImportedAnnotationRow[]): Promise<void> {
  if (rows.length === 0) return;
  const batch = batchRows([...rows].sort((x, y) => x.id - y.id), ANNOTATION_COLUMNS);
  await sql`
    INSERT INTO annotations (${batch.columns})
    OVERRIDING SYSTEM VALUE
    SELECT ${batch.values} FROM ${batch.source}
    ORDER BY u.ord`.execute(db);
}

export interface ImportedReviewRow {
  projectId: number;
  itemId: number;
  annotationId: number;
  annotatorId: number | null;
  /** Known for the demo's history; an imported one when the file's reviewer e-mail is a user's here, else null. */
  reviewerId?: number | null;
  decision: 'accept' | 'correct' | 'reject';
  comment: string | null;
  correctedAnnotationId: number | null;
  createdAt: Date | null;
}

/** Reviews carried over with a history. */
export async function insertImportedReviews(db: Db, rows: ImportedReviewRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: ImportedReviewRow) => T): T[] => rows.map(f);
  await sql`
    INSERT INTO reviews (project_id, item_id, annotation_id, annotator_id, reviewer_id, decision, comment, corrected_annotation_id, created_at)
    SELECT u.project_id, u.item_id, u.annotation_id, u.annotator_id, u.reviewer_id, u.decision, u.comment, u.corrected, coalesce(u.created_at, now())
    FROM unnest(${col((r) => r.projectId)}::bigint[], ${col((r) => r.itemId)}::bigint[], ${col((r) => r.annotationId)}::bigint[],
                ${col((r) => r.annotatorId)}::bigint[], ${col((r) => r.reviewerId ?? null)}::bigint[], ${col((r) => r.decision)}::text[],
                ${col((r) => r.comment)}::text[], ${col((r) => r.correctedAnnotationId)}::bigint[], ${col((r) => r.createdAt)}::timestamptz[])
      AS u(project_id, item_id, annotation_id, annotator_id, reviewer_id, decision, comment, corrected, created_at)`.execute(db);
}

export interface OpenLabelTask {
  id: number;
  itemId: number;
  slot: number;
  poolId: number | null;
  memberRole: 'expert' | null;
}

/** The queued label tasks of these items, by item then slot. */
export async function openLabelTasks(db: Db, projectId: number, itemIds: number[]): Promise<OpenLabelTask[]> {
  if (itemIds.length === 0) return [];
  const result = await sql<{ id: number; item_id: number; slot: number; pool_id: number | null; member_role: 'expert' | null }>`
    SELECT id, item_id, slot, pool_id, member_role FROM tasks
    WHERE project_id = ${projectId} AND item_id = ANY(${itemIds}::bigint[]) AND stage = 'label' AND status = 'queued'
    ORDER BY item_id, slot`.execute(db);
  return result.rows.map((r) => ({ id: r.id, itemId: r.item_id, slot: r.slot, poolId: r.pool_id, memberRole: r.member_role }));
}

/** Finished tasks of a history: who did them and when. */
export async function completeTasksAs(db: Db, projectId: number, rows: { taskId: number; assigneeId: number; queuedAt: Date; claimedAt: Date; completedAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  // The queue time too: a turnaround is counted from it.
  await sql`
    UPDATE tasks t SET status = 'done', assignee_id = u.assignee_id, created_at = u.queued_at, claimed_at = u.claimed_at, completed_at = u.completed_at, lease_expires_at = NULL
    FROM unnest(${rows.map((r) => r.taskId)}::bigint[], ${rows.map((r) => r.assigneeId)}::bigint[], ${rows.map((r) => r.queuedAt)}::timestamptz[],
                ${rows.map((r) => r.claimedAt)}::timestamptz[], ${rows.map((r) => r.completedAt)}::timestamptz[])
      AS u(task_id, assignee_id, queued_at, claimed_at, completed_at)
    WHERE t.project_id = ${projectId} AND t.id = u.task_id`.execute(db);
}

/** Marks the open label tasks of these items done: their labels arrived with the import. */
export async function closeLabelTasks(db: Db, projectId: number, itemIds: number[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const result = await sql`
    UPDATE tasks SET status = 'done', completed_at = now()
    WHERE project_id = ${projectId} AND item_id = ANY(${itemIds}::bigint[]) AND stage = 'label' AND status = 'queued'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Gold tasks of a history, done: who answered which known-answer item, in which pool, and when. Returns their ids in the order given. */
export async function insertDoneGoldTasks(
  db: Db,
  projectId: number,
  rows: { itemId: number; poolId: number | null; assigneeId: number; queuedAt: Date; claimedAt: Date; completedAt: Date }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const col = <T>(f: (r: (typeof rows)[number]) => T): T[] => rows.map(f);
  const result = await sql<{ id: number; n: number }>`
    WITH given AS (
      SELECT * FROM unnest(${col((r) => r.itemId)}::bigint[], ${col((r) => r.poolId)}::bigint[], ${col((r) => r.assigneeId)}::bigint[],
                           ${col((r) => r.queuedAt)}::timestamptz[], ${col((r) => r.claimedAt)}::timestamptz[], ${col((r) => r.completedAt)}::timestamptz[])
        WITH ORDINALITY AS u(item_id, pool_id, assignee_id, queued_at, claimed_at, completed_at, n)
    ), made AS (
      INSERT INTO tasks (project_id, item_id, stage, slot, status, priority, pool_id, assignee_id, created_at, claimed_at, completed_at, gold)
      SELECT ${projectId}, item_id, 'label', 0, 'done', 0, pool_id, assignee_id, queued_at, claimed_at, completed_at, true FROM given
      RETURNING id, item_id, assignee_id
    )
    SELECT m.id, g.n FROM made m JOIN given g ON g.item_id = m.item_id AND g.assignee_id = m.assignee_id ORDER BY g.n`.execute(db);
  return result.rows.map((r) => r.id);
}
