/**
 * Exports: their records (what was asked, where the file is), and the read that streams a
 * project's items with their annotations and reviews in id order, a batch at a time (keyset
 * pagination), so that an export's memory does not grow with the project.
 *
 * Every read of one export is bounded by a watermark — the highest item, annotation and review ids
 * when it began — so that a format that reads the project twice (COCO) sees the same items both
 * times, and the file is the project as it was at one moment. Annotations and reviews are never
 * updated, so below the watermark nothing changes (task states and workflow stages, used by the
 * status filters, can).
 */
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { PoolKind, Sensitivity } from '../core/workforce.ts';
import type { ItemHandling } from '../core/items.ts';
import type { Db } from './database.ts';
import type { ExportsTable } from './schema.ts';

export interface ExportRecord {
  id: number;
  projectId: number;
  jobId: number | null;
  format: string;
  selection: 'consensus' | 'all';
  filters: Record<string, unknown>;
  status: 'pending' | 'ready' | 'failed';
  file: string | null;
  bytes: number | null;
  summary: unknown;
  createdBy: number | null;
  createdAt: Date;
  finishedAt: Date | null;
}

function toExport(row: Selectable<ExportsTable>): ExportRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    jobId: row.job_id,
    format: row.format,
    selection: row.selection,
    filters: row.filters,
    status: row.status,
    file: row.file,
    bytes: row.bytes === null ? null : Number(row.bytes),
    summary: row.summary,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export async function insertExport(
  db: Db,
  record: { projectId: number; jobId: number | null; format: string; selection: 'consensus' | 'all'; filters: Record<string, unknown>; createdBy: number | null },
): Promise<ExportRecord> {
  const row = await db
    .insertInto('exports')
    .values({
      project_id: record.projectId,
      job_id: record.jobId,
      format: record.format,
      selection: record.selection,
      filters: JSON.stringify(record.filters),
      created_by: record.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toExport(row);
}

export async function findExport(db: Db, id: number): Promise<ExportRecord | null> {
  const row = await db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toExport(row) : null;
}

export async function findExportOfJob(db: Db, jobId: number): Promise<ExportRecord | null> {
  const row = await db.selectFrom('exports').selectAll().where('job_id', '=', jobId).executeTakeFirst();
  return row ? toExport(row) : null;
}

export async function listExports(db: Db, projectId: number, limit: number): Promise<ExportRecord[]> {
  const rows = await db.selectFrom('exports').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toExport);
}

export async function finishExport(
  db: Db,
  id: number,
  outcome: { status: 'ready'; file: string; bytes: number; summary: unknown } | { status: 'failed'; summary: unknown },
): Promise<void> {
  await db
    .updateTable('exports')
    .set({
      status: outcome.status,
      file: outcome.status === 'ready' ? outcome.file : null,
      bytes: outcome.status === 'ready' ? outcome.bytes : null,
      summary: JSON.stringify(outcome.summary),
      finished_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

// ---- the read ---------------------------------------------------------------------------------

export interface ExportWatermark {
  itemId: number;
  annotationId: number;
  reviewId: number;
}

export async function exportWatermark(db: Db): Promise<ExportWatermark> {
  const result = await sql<{ item: number | null; annotation: number | null; review: number | null }>`
    SELECT (SELECT max(id) FROM items) AS item, (SELECT max(id) FROM annotations) AS annotation,
           (SELECT max(id) FROM reviews) AS review`.execute(db);
  const row = result.rows[0]!;
  return { itemId: Number(row.item ?? 0), annotationId: Number(row.annotation ?? 0), reviewId: Number(row.review ?? 0) };
}

/** Which items go into an export. Every condition is on the item; they all hold together. */
export interface ExportItemFilter {
  /**
   * By the item's workflow stage (item_states) where it has one. `accepted`: in the accepted stage,
   * whoever put it there (consensus, a reviewer, the experts, an import); an item never settled: a
   * reviewer accepted or corrected one of its annotations. `complete`: its label work is in —
   * accepted, or settled into any stage with no label task open (rework re-opens one); an item
   * never settled: every label task done. `annotated`: someone (or an import) labelled it.
   */
  status?: 'complete' | 'annotated' | 'accepted';
  /** An annotation of the item was made in [from, to). */
  annotatedFrom?: Date;
  annotatedTo?: Date;
  /** A current (not superseded) annotation of the item holds one of these labels. */
  labels?: string[];
  /** One of these people annotated the item (a pool is its members). */
  annotatorIds?: number[];
}

function itemConditions(projectId: number, filter: ExportItemFilter, mark: ExportWatermark): RawBuilder<unknown>[] {
  const annotationOfItem = sql`a.project_id = i.project_id AND a.item_id = i.id AND a.id <= ${mark.annotationId}`;
  const c: RawBuilder<unknown>[] = [sql`i.project_id = ${projectId}`, sql`i.id <= ${mark.itemId}`];
  // The workflow's stage decides where the item has one, however the item came in (labelled
  // here, imported, reviewed or not); items it never settled fall back on their tasks and reviews.
  const state = sql`SELECT 1 FROM item_states s WHERE s.project_id = i.project_id AND s.item_id = i.id`;
  const labelTask = sql`SELECT 1 FROM tasks t WHERE t.project_id = i.project_id AND t.item_id = i.id AND t.stage = 'label'`;
  if (filter.status === 'complete') {
    c.push(sql`(EXISTS (${state} AND s.stage = 'accepted')
      OR (NOT EXISTS (${labelTask} AND t.status IN ('queued', 'leased'))
          AND (EXISTS (${state}) OR EXISTS (${labelTask} AND t.status = 'done'))))`);
  } else if (filter.status === 'annotated') {
    c.push(sql`EXISTS (SELECT 1 FROM annotations a WHERE ${annotationOfItem} AND a.source <> 'model')`);
  } else if (filter.status === 'accepted') {
    c.push(sql`(EXISTS (${state} AND s.stage = 'accepted')
      OR (NOT EXISTS (${state})
          AND EXISTS (SELECT 1 FROM reviews r WHERE r.project_id = i.project_id AND r.item_id = i.id AND r.id <= ${mark.reviewId} AND r.decision IN ('accept', 'correct'))))`);
  }
  if (filter.annotatedFrom || filter.annotatedTo) {
    const from = filter.annotatedFrom ? sql`AND a.created_at >= ${filter.annotatedFrom}` : sql``;
    const to = filter.annotatedTo ? sql`AND a.created_at < ${filter.annotatedTo}` : sql``;
    c.push(sql`EXISTS (SELECT 1 FROM annotations a WHERE ${annotationOfItem} AND a.source <> 'model' ${from} ${to})`);
  }
  if (filter.labels && filter.labels.length > 0) {
    const labels = filter.labels;
    c.push(sql`EXISTS (
      SELECT 1 FROM annotations a
      WHERE ${annotationOfItem}
        AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = a.id AND n.id <= ${mark.annotationId})
        AND (EXISTS (SELECT 1 FROM jsonb_array_elements(a.result -> 'regions') AS r(region) WHERE r.region ->> 'label' = ANY(${labels}::text[]))
             OR EXISTS (SELECT 1 FROM jsonb_each(a.result -> 'choices') AS c(control, chosen), jsonb_array_elements_text(c.chosen) AS l(label)
                        WHERE l.label = ANY(${labels}::text[]))))`);
  }
  if (filter.annotatorIds) {
    c.push(sql`EXISTS (SELECT 1 FROM annotations a WHERE ${annotationOfItem} AND a.annotator_id = ANY(${filter.annotatorIds}::bigint[]))`);
  }
  return c;
}

/** The members of each pool named, by pool key; a pool that does not exist is absent. */
export async function poolMemberIds(db: Db, keys: string[]): Promise<Map<string, number[]>> {
  const result = await sql<{ key: string; user_id: number | null }>`
    SELECT p.key, m.user_id FROM pools p LEFT JOIN pool_members m ON m.pool_id = p.id
    WHERE p.key = ANY(${keys}::text[])`.execute(db);
  const members = new Map<string, number[]>();
  for (const row of result.rows) {
    const list = members.get(row.key) ?? [];
    if (row.user_id !== null) list.push(row.user_id);
    members.set(row.key, list);
  }
  return members;
}

export async function countExportItems(db: Db, projectId: number, filter: ExportItemFilter, mark: ExportWatermark): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::bigint AS n FROM items i WHERE ${sql.join(itemConditions(projectId, filter, mark), sql` AND `)}`.execute(db);
  return Number(result.rows[0]!.n);
}

export interface StoredExportItem extends ItemHandling {
  id: number;
  externalId: string | null;
  kind: 'image' | 'text';
  contentUri: string | null;
  mimeType: string | null;
  text: string | null;
  width: number | null;
  height: number | null;
  metadata: Record<string, unknown>;
  annotations: StoredExportAnnotation[];
  reviews: StoredExportReview[];
}

export interface StoredExportAnnotation {
  id: number;
  annotatorId: number | null;
  annotatorEmail: string | null;
  source: 'human' | 'model' | 'import';
  modelName: string | null;
  modelVersion: string | null;
  confidence: number | null;
  confidences: unknown;
  schemaVersion: number;
  guidelinesVersion: number | null;
  result: unknown;
  timeSpentMs: number | null;
  supersedesId: number | null;
  createdAt: Date;
  /** The pool the work was routed to (through its task), else the one an import credited it to. */
  pool: { id: number; key: string; kind: PoolKind } | null;
}

export interface StoredExportReview {
  id: number;
  annotationId: number;
  decision: 'accept' | 'correct' | 'reject';
  reviewerId: number | null;
  reviewerEmail: string | null;
  comment: string | null;
  correctedAnnotationId: number | null;
}

/** The next `limit` items after `afterId`, with everything made on them below the watermark. */
export async function readExportBatch(
  db: Db,
  query: { projectId: number; filter: ExportItemFilter; mark: ExportWatermark; afterId: number; limit: number },
): Promise<StoredExportItem[]> {
  const { projectId, mark } = query;
  const items = await sql<{
    id: number; external_id: string | null; kind: 'image' | 'text'; content_uri: string | null; mime_type: string | null;
    text: string | null; width: number | null; height: number | null; metadata: Record<string, unknown>;
    sensitivity: Sensitivity; region: string | null; language: string | null; tags: string[]; edge_case: boolean; model_confidence: number | null;
  }>`
    SELECT i.id, i.external_id, i.kind, i.content_uri, i.mime_type, i.text, i.width, i.height, i.metadata,
           i.sensitivity, i.region, i.language, i.tags, i.edge_case, i.model_confidence
    FROM items i
    WHERE ${sql.join(itemConditions(projectId, query.filter, mark), sql` AND `)} AND i.id > ${query.afterId}
    ORDER BY i.id
    LIMIT ${query.limit}`.execute(db);
  if (items.rows.length === 0) return [];
  const ids = items.rows.map((r) => r.id);
  const annotations = await sql<{
    id: number; item_id: number; annotator_id: number | null; email: string | null; source: 'human' | 'model' | 'import';
    model_name: string | null; model_version: string | null; confidence: number | null; confidences: unknown;
    schema_version: number; guidelines_version: number | null; result: unknown; time_spent_ms: number | null;
    supersedes_id: number | null; created_at: Date; pool_id: number | null; pool_key: string | null; pool_kind: PoolKind | null;
  }>`
    SELECT a.id, a.item_id, a.annotator_id, u.email, a.source, a.model_name, a.model_version, a.confidence, a.confidences,
           a.schema_version, a.guidelines_version, a.result, a.time_spent_ms, a.supersedes_id, a.created_at,
           p.id AS pool_id, p.key AS pool_key, p.kind AS pool_kind
    FROM annotations a
    LEFT JOIN users u ON u.id = a.annotator_id
    -- the pool is the one the work was routed to, else the annotation's own (imported work has no task)
    LEFT JOIN tasks t ON t.id = a.task_id
    LEFT JOIN pools p ON p.id = coalesce(t.pool_id, a.pool_id)
    WHERE a.project_id = ${projectId} AND a.item_id = ANY(${ids}::bigint[]) AND a.id <= ${mark.annotationId}
    ORDER BY a.item_id, a.id`.execute(db);
  const reviews = await sql<{
    id: number; item_id: number; annotation_id: number; decision: 'accept' | 'correct' | 'reject'; reviewer_id: number | null;
    email: string | null; comment: string | null; corrected_annotation_id: number | null;
  }>`
    SELECT r.id, r.item_id, r.annotation_id, r.decision, r.reviewer_id, u.email, r.comment, r.corrected_annotation_id
    FROM reviews r
    LEFT JOIN users u ON u.id = r.reviewer_id
    WHERE r.project_id = ${projectId} AND r.item_id = ANY(${ids}::bigint[]) AND r.id <= ${mark.reviewId}
    ORDER BY r.id`.execute(db);

  const byId = new Map<number, StoredExportItem>();
  const out = items.rows.map((r): StoredExportItem => {
    const item: StoredExportItem = {
      id: r.id, externalId: r.external_id, kind: r.kind, contentUri: r.content_uri, mimeType: r.mime_type, text: r.text,
      width: r.width, height: r.height, metadata: r.metadata, sensitivity: r.sensitivity, region: r.region, language: r.language,
      tags: r.tags, edgeCase: r.edge_case, modelConfidence: r.model_confidence, annotations: [], reviews: [],
    };
    byId.set(r.id, item);
    return item;
  });
  for (const a of annotations.rows) {
    byId.get(a.item_id)?.annotations.push({
      id: a.id, annotatorId: a.annotator_id, annotatorEmail: a.email, source: a.source, modelName: a.model_name,
      modelVersion: a.model_version, confidence: a.confidence, confidences: a.confidences, schemaVersion: a.schema_version,
      guidelinesVersion: a.guidelines_version, result: a.result, timeSpentMs: a.time_spent_ms, supersedesId: a.supersedes_id,
      createdAt: a.created_at, pool: a.pool_id === null ? null : { id: a.pool_id, key: a.pool_key!, kind: a.pool_kind! },
    });
  }
  for (const r of reviews.rows) {
    byId.get(r.item_id)?.reviews.push({
      id: r.id, annotationId: r.annotation_id, decision: r.decision, reviewerId: r.reviewer_id, reviewerEmail: r.email, comment: r.comment,
      correctedAnnotationId: r.corrected_annotation_id,
    });
  }
  return out;
}
