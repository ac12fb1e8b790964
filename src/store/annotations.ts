import { sql } from 'kysely';
import type { Annotation } from '../core/items.ts';
import type { AnnotationResult } from '../core/label-schema.ts';
import type { Db } from './database.ts';
import { doneInPools, type PoolIds } from './pool-scope-sql.ts';
import type { AnnotationRow } from './schema.ts';

export function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    projectId: row.project_id,
    itemId: row.item_id,
    taskId: row.task_id,
    annotatorId: row.annotator_id,
    source: row.source,
    model: row.model_name ? { name: row.model_name, version: row.model_version } : null,
    confidence: row.confidence,
    schemaVersion: row.schema_version,
    guidelinesVersion: row.guidelines_version,
    result: row.result as AnnotationResult,
    timeSpentMs: row.time_spent_ms,
    supersedesId: row.supersedes_id,
    clientToken: row.client_token,
    createdAt: row.created_at,
  };
}

export interface SubmittedWork {
  projectId: number;
  taskId: number;
  userId: number;
  schemaVersion: number;
  guidelinesVersion: number | null;
  result: AnnotationResult;
  timeSpentMs: number | null;
  clientToken: string | null;
  /** Who and from where, for the audit event written with the annotation. */
  audit?: { actorEmail: string | null; sourceIp: string | null };
}

/**
 * Finishes the user's task and stores its annotation in one statement: either both happen or
 * neither does. The statement also appends the `annotation.create` audit event to the outbox (one
 * more insert, no extra round trip). Returns null when the task is not the user's to finish.
 */
export async function completeTaskWithAnnotation(db: Db, work: SubmittedWork): Promise<Annotation | null> {
  const result = await sql<AnnotationRow>`
    WITH done AS (
      UPDATE tasks SET status = 'done', completed_at = now(), lease_expires_at = NULL
      WHERE project_id = ${work.projectId} AND id = ${work.taskId} AND assignee_id = ${work.userId}
        AND status IN ('leased', 'queued')
      RETURNING project_id, id, item_id, pool_id
    ), created AS (
      INSERT INTO annotations (project_id, item_id, task_id, annotator_id, schema_version, guidelines_version,
                               result, time_spent_ms, client_token, supersedes_id)
      SELECT done.project_id, done.item_id, done.id, ${work.userId}, ${work.schemaVersion}, ${work.guidelinesVersion},
             ${JSON.stringify(work.result)}::jsonb, ${work.timeSpentMs}, ${work.clientToken},
             -- work redone after a rejection replaces the rejected annotation
             (SELECT p.id FROM annotations p
              WHERE p.task_id = done.id AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = p.id)
              ORDER BY p.id DESC LIMIT 1)
      FROM done
      RETURNING *
    ), audited AS (
      INSERT INTO audit_outbox (actor_id, actor_email, pool_id, action, subject_type, subject_id, project_id, source_ip, details)
      SELECT created.annotator_id, ${work.audit?.actorEmail ?? null}::text, done.pool_id, 'annotation.create', 'annotation', created.id::text,
             created.project_id, ${work.audit?.sourceIp ?? null}::text,
             CASE WHEN created.supersedes_id IS NULL THEN jsonb_build_object('itemId', created.item_id)
                  ELSE jsonb_build_object('itemId', created.item_id, 'supersedes', created.supersedes_id) END
      FROM created JOIN done ON done.id = created.task_id
    )
    SELECT * FROM created`.execute(db);
  const row = result.rows[0];
  return row ? toAnnotation(row) : null;
}

export interface NewAnnotation {
  projectId: number;
  itemId: number;
  taskId: number | null;
  annotatorId: number | null;
  source: 'human' | 'model' | 'import';
  modelName?: string | null;
  modelVersion?: string | null;
  confidence?: number | null;
  schemaVersion: number;
  guidelinesVersion: number | null;
  result: AnnotationResult;
  timeSpentMs: number | null;
  supersedesId: number | null;
  clientToken?: string | null;
}

export async function insertAnnotation(db: Db, a: NewAnnotation): Promise<Annotation> {
  const row = await db
    .insertInto('annotations')
    .values({
      project_id: a.projectId,
      item_id: a.itemId,
      task_id: a.taskId,
      annotator_id: a.annotatorId,
      source: a.source,
      model_name: a.modelName ?? null,
      model_version: a.modelVersion ?? null,
      confidence: a.confidence ?? null,
      schema_version: a.schemaVersion,
      guidelines_version: a.guidelinesVersion,
      result: JSON.stringify(a.result),
      time_spent_ms: a.timeSpentMs,
      supersedes_id: a.supersedesId,
      client_token: a.clientToken ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAnnotation(row);
}

export async function findAnnotation(db: Db, id: number): Promise<Annotation | null> {
  const row = await db.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAnnotation(row) : null;
}

/** The latest annotation of a task (the end of its line of corrections). */
export async function findCurrentTaskAnnotation(db: Db, taskId: number): Promise<Annotation | null> {
  const row = await db
    .selectFrom('annotations as a')
    .selectAll('a')
    .where('a.task_id', '=', taskId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('annotations as n').select('n.id').whereRef('n.supersedes_id', '=', 'a.id'))))
    .orderBy('a.id', 'desc')
    .executeTakeFirst();
  return row ? toAnnotation(row) : null;
}

/** Every annotation of an item, superseded ones included (the history), oldest first. */
export async function listItemAnnotations(db: Db, projectId: number, itemId: number): Promise<Annotation[]> {
  const rows = await db
    .selectFrom('annotations')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
  return rows.map(toAnnotation);
}

/**
 * Which of the item's annotations were made in one of `pools` (doneInPools' rule: its task's pool,
 * else its own): the work of an item a reader whose work scope is limited may read.
 */
export async function itemAnnotationIdsDoneInPools(db: Db, projectId: number, itemId: number, pools: readonly number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('annotations as a')
    .select('a.id')
    .where('a.project_id', '=', projectId)
    .where('a.item_id', '=', itemId)
    .where(doneInPools('a', pools))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function isSuperseded(db: Db, annotationId: number): Promise<boolean> {
  const row = await db.selectFrom('annotations').select('id').where('supersedes_id', '=', annotationId).executeTakeFirst();
  return row !== undefined;
}

/** The model's pre-annotations of an item, newest first. */
export async function listItemPredictions(db: Db, projectId: number, itemId: number): Promise<Annotation[]> {
  const rows = await db
    .selectFrom('annotations')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .where('source', '=', 'model')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toAnnotation);
}

/** Annotations made per day, for the progress chart. */
export async function dailyAnnotationCounts(db: Db, projectId: number, days: number): Promise<{ day: string; annotations: number; items: number }[]> {
  const result = await sql<{ day: string; annotations: number; items: number }>`
    SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
           count(*)::bigint AS annotations, count(DISTINCT item_id)::bigint AS items
    FROM annotations
    WHERE project_id = ${projectId} AND source = 'human' AND created_at >= now() - make_interval(days => ${days})
    GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows.map((r) => ({ day: r.day, annotations: Number(r.annotations), items: Number(r.items) }));
}

/** Whether the annotation was made in one of `pools`, its task's else its own (null: any work, staff's included). */
export async function annotationDoneInPools(db: Db, annotationId: number, pools: PoolIds): Promise<boolean> {
  if (pools === null) return true;
  const { rows } = await sql<{ done: boolean }>`SELECT ${doneInPools('a', pools)} AS done FROM annotations a WHERE a.id = ${annotationId}`.execute(db);
  return rows[0]?.done === true;
}
