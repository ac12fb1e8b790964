/**
 * Many submissions finished in one statement: what `completeTaskWithAnnotation` does for one task,
 * for each of a batch of tasks (the server's group commit). Each task is finished only if it is
 * still the user's; the others come back as null.
 */
import { sql } from 'kysely';
import type { Annotation } from '../core/items.ts';
import { type SubmittedWork, toAnnotation } from './annotations.ts';
import type { Db } from './database.ts';
import type { AnnotationRow } from './schema.ts';

/** The annotations stored, in the order of `works` (null where the task was not the user's to finish). */
export async function completeTasksTogether(db: Db, works: readonly SubmittedWork[]): Promise<(Annotation | null)[]> {
  const column = <T>(pick: (w: SubmittedWork) => T): T[] => works.map(pick);
  const result = await sql<AnnotationRow>`
    WITH work AS (
      SELECT * FROM unnest(${column((w) => w.projectId)}::bigint[], ${column((w) => w.taskId)}::bigint[], ${column((w) => w.userId)}::bigint[],
                           ${column((w) => w.schemaVersion)}::int[], ${column((w) => w.guidelinesVersion)}::int[],
                           ${column((w) => JSON.stringify(w.result))}::jsonb[], ${column((w) => w.timeSpentMs)}::int[],
                           ${column((w) => w.clientToken)}::text[], ${column((w) => w.audit?.actorEmail ?? null)}::text[],
                           ${column((w) => w.audit?.sourceIp ?? null)}::text[]) WITH ORDINALITY
        AS w(project_id, task_id, user_id, schema_version, guidelines_version, result, time_spent_ms, client_token, actor_email, source_ip, n)
    ), done AS (
      UPDATE tasks t SET status = 'done', completed_at = now(), lease_expires_at = NULL
      FROM work w
      WHERE t.project_id = w.project_id AND t.id = w.task_id AND t.assignee_id = w.user_id
        AND t.status IN ('leased', 'queued')
      -- one row per task finished, with the submission that finished it
      RETURNING t.project_id, t.id, t.item_id, t.pool_id, w.n
    ), created AS (
      INSERT INTO annotations (project_id, item_id, task_id, annotator_id, schema_version, guidelines_version,
                               result, time_spent_ms, client_token, supersedes_id)
      SELECT done.project_id, done.item_id, done.id, w.user_id, w.schema_version, w.guidelines_version,
             w.result, w.time_spent_ms, w.client_token,
             -- work redone after a rejection replaces the rejected annotation
             (SELECT p.id FROM annotations p
              WHERE p.task_id = done.id AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = p.id)
              ORDER BY p.id DESC LIMIT 1)
      FROM done JOIN work w ON w.n = done.n
      RETURNING *
    ), audited AS (
      INSERT INTO audit_outbox (actor_id, actor_email, pool_id, action, subject_type, subject_id, project_id, source_ip, details)
      SELECT created.annotator_id, w.actor_email, done.pool_id, 'annotation.create', 'annotation', created.id::text,
             created.project_id, w.source_ip,
             CASE WHEN created.supersedes_id IS NULL THEN jsonb_build_object('itemId', created.item_id)
                  ELSE jsonb_build_object('itemId', created.item_id, 'supersedes', created.supersedes_id) END
      FROM created JOIN done ON done.id = created.task_id JOIN work w ON w.n = done.n
    )
    SELECT * FROM created`.execute(db);
  const byTask = new Map(result.rows.map((row) => [Number(row.task_id), toAnnotation(row)]));
  // A task finished by one of several submissions for it answers only the one whose user holds it.
  return works.map((w) => {
    const stored = byTask.get(w.taskId);
    return stored && stored.annotatorId === w.userId ? stored : null;
  });
}
