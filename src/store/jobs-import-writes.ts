/**
 * What an annotation import (a background job) reads and writes in bulk: the project's items an
 * imported record may name (by external id, by id, by text), the people it credits, and its
 * annotations and reviews, each batch in one statement.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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

/** The key texts are looked up by (the same expression as the index on items). */
export function textKey(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** Items whose text is exactly one of these, by text; the first (lowest id) when several share one. */
export async function findItemsByText(db: Db, projectId: number, texts: string[]): Promise<Map<string, ImportTargetItem>> {
  if (texts.length === 0) return new Map();
  const result = await sql<TargetRow>`
    SELECT id, external_id, kind, width, height, text FROM items
    WHERE project_id = ${projectId} AND text IS NOT NULL AND md5(text) = ANY(${texts.map(textKey)}::text[])
    ORDER BY id`.execute(db);
  const wanted = new Set(texts);
  const found = new Map<string, ImportTargetItem>();
  for (const row of result.rows) if (wanted.has(row.text!) && !found.has(row.text!)) found.set(row.text!, toTarget(row));
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
  annotatorId: number | null;
  source: 'import' | 'model';
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

/** Inserts a batch of annotations with the ids `allocateAnnotationIds` gave, in one statement. */
export async function insertImportedAnnotations(db: Db, rows: ImportedAnnotationRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: ImportedAnnotationRow) => T): T[] => rows.map(f);
  await sql`
    INSERT INTO annotations (id, project_id, item_id, annotator_id, source, model_name, model_version, confidence, confidences,
                             schema_version, guidelines_version, result, time_spent_ms, supersedes_id, created_at)
    OVERRIDING SYSTEM VALUE
    SELECT u.id, u.project_id, u.item_id, u.annotator_id, u.source, u.model_name, u.model_version, u.confidence, u.confidences,
           u.schema_version, u.guidelines_version, u.result, u.time_spent_ms, u.supersedes_id, coalesce(u.created_at, now())
    FROM unnest(${col((r) => r.id)}::bigint[], ${col((r) => r.projectId)}::bigint[], ${col((r) => r.itemId)}::bigint[],
                ${col((r) => r.annotatorId)}::bigint[], ${col((r) => r.source)}::text[], ${col((r) => r.modelName)}::text[],
                ${col((r) => r.modelVersion)}::text[], ${col((r) => r.confidence)}::float8[],
                ${col((r) => (r.confidences == null ? null : JSON.stringify(r.confidences)))}::jsonb[],
                ${col((r) => r.schemaVersion)}::int[], ${col((r) => r.guidelinesVersion)}::int[],
                ${col((r) => JSON.stringify(r.result))}::jsonb[], ${col((r) => r.timeSpentMs)}::int[],
                ${col((r) => r.supersedesId)}::bigint[], ${col((r) => r.createdAt)}::timestamptz[])
      AS u(id, project_id, item_id, annotator_id, source, model_name, model_version, confidence, confidences,
           schema_version, guidelines_version, result, time_spent_ms, supersedes_id, created_at)
    ORDER BY u.id`.execute(db);
}

export interface ImportedReviewRow {
  projectId: number;
  itemId: number;
  annotationId: number;
  annotatorId: number | null;
  decision: 'accept' | 'correct' | 'reject';
  comment: string | null;
  correctedAnnotationId: number | null;
  createdAt: Date | null;
}

/** Reviews carried over with an imported history; the reviewer is not known here. */
export async function insertImportedReviews(db: Db, rows: ImportedReviewRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: ImportedReviewRow) => T): T[] => rows.map(f);
  await sql`
    INSERT INTO reviews (project_id, item_id, annotation_id, annotator_id, reviewer_id, decision, comment, corrected_annotation_id, created_at)
    SELECT u.project_id, u.item_id, u.annotation_id, u.annotator_id, NULL, u.decision, u.comment, u.corrected, coalesce(u.created_at, now())
    FROM unnest(${col((r) => r.projectId)}::bigint[], ${col((r) => r.itemId)}::bigint[], ${col((r) => r.annotationId)}::bigint[],
                ${col((r) => r.annotatorId)}::bigint[], ${col((r) => r.decision)}::text[], ${col((r) => r.comment)}::text[],
                ${col((r) => r.correctedAnnotationId)}::bigint[], ${col((r) => r.createdAt)}::timestamptz[])
      AS u(project_id, item_id, annotation_id, annotator_id, decision, comment, corrected, created_at)`.execute(db);
}

/** Marks the open label tasks of these items done: their labels arrived with the import. */
export async function closeLabelTasks(db: Db, projectId: number, itemIds: number[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const result = await sql`
    UPDATE tasks SET status = 'done', completed_at = now()
    WHERE project_id = ${projectId} AND item_id = ANY(${itemIds}::bigint[]) AND stage = 'label' AND status = 'queued'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
