/**
 * Webhooks of a project and the log of their deliveries.
 *
 * Events come in two ways. Explicit ones (`export.ready`, `annotator.paused`) are inserted as
 * deliveries by the code that makes them, in its transaction. Work events (`task.completed`,
 * `item.accepted`) are found by scanners that read the new rows of the tables the work path writes
 * anyway (annotations, reviews) from a cursor: the claim and submit statements pay nothing for
 * webhooks. A scanner leaves its cursor before rows younger than a settle window, and reads them
 * again next time (a delivery per webhook and event key is unique, so nothing is sent twice): a
 * row committed late by a transaction that was slower than the window is still found.
 */
import { type Selectable, sql } from 'kysely';
import type { Db } from './database.ts';
import type { DeliveryStatus, WebhookDeliveriesTable, WebhooksTable } from './schema.ts';

export interface Webhook {
  id: number;
  projectId: number;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdBy: number | null;
  createdAt: Date;
}

const toWebhook = (r: Selectable<WebhooksTable>): Webhook => ({
  id: r.id, projectId: r.project_id, url: r.url, events: r.events, description: r.description, active: r.active, createdBy: r.created_by, createdAt: r.created_at,
});

export async function insertWebhook(
  db: Db,
  w: { projectId: number; url: string; secret: string; events: string[]; description: string; createdBy: number | null },
): Promise<Webhook> {
  const row = await db
    .insertInto('webhooks')
    .values({ project_id: w.projectId, url: w.url, secret: w.secret, events: w.events, description: w.description, created_by: w.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWebhook(row);
}

export async function findWebhook(db: Db, id: number): Promise<Webhook | null> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : null;
}

export async function listWebhooks(db: Db, projectId: number): Promise<Webhook[]> {
  return (await db.selectFrom('webhooks').selectAll().where('project_id', '=', projectId).orderBy('id').execute()).map(toWebhook);
}

export async function updateWebhook(db: Db, id: number, changes: { url?: string; events?: string[]; description?: string; active?: boolean; secret?: string }): Promise<Webhook | null> {
  const columns = {
    ...(changes.url !== undefined && { url: changes.url }),
    ...(changes.events !== undefined && { events: changes.events }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.active !== undefined && { active: changes.active }),
    ...(changes.secret !== undefined && { secret: changes.secret }),
  };
  // Nothing to change is no change, not an UPDATE with an empty SET (a syntax error in SQL).
  if (Object.keys(columns).length === 0) return findWebhook(db, id);
  const row = await db.updateTable('webhooks').set(columns).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? toWebhook(row) : null;
}

export async function deleteWebhook(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---- deliveries -------------------------------------------------------------------------------

export interface WebhookDelivery {
  id: number;
  projectId: number;
  webhookId: number;
  event: string;
  eventKey: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  responseCode: number | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

const toDelivery = (r: Selectable<WebhookDeliveriesTable>): WebhookDelivery => ({
  id: r.id, projectId: r.project_id, webhookId: r.webhook_id, event: r.event, eventKey: r.event_key, payload: r.payload, status: r.status,
  attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastAttemptAt: r.last_attempt_at, responseCode: r.response_code,
  lastError: r.last_error, durationMs: r.duration_ms, createdAt: r.created_at, deliveredAt: r.delivered_at,
});

/**
 * One delivery per active webhook of the project subscribed to the event (or only to `webhookId`);
 * an event key seen before for a webhook is not delivered again. Returns how many were made.
 */
export async function insertDeliveries(
  db: Db,
  e: { projectId: number; event: string; eventKey: string; payload: Record<string, unknown>; webhookId?: number },
): Promise<number> {
  const only = e.webhookId === undefined ? sql`${e.event} = ANY(w.events)` : sql`w.id = ${e.webhookId}`;
  const result = await sql`
    INSERT INTO webhook_deliveries (project_id, webhook_id, event, event_key, payload)
    SELECT w.project_id, w.id, ${e.event}, ${e.eventKey}, ${JSON.stringify(e.payload)}::jsonb
    FROM webhooks w WHERE w.project_id = ${e.projectId} AND w.active AND ${only}
    ON CONFLICT (webhook_id, event_key) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function listDeliveries(db: Db, webhookId: number, limit: number, beforeId?: number): Promise<WebhookDelivery[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return (await q.execute()).map(toDelivery);
}

export async function findDelivery(db: Db, id: number): Promise<WebhookDelivery | null> {
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDelivery(row) : null;
}

/** A delivery with where it goes and the key it is signed with. */
export async function findDeliveryToSend(db: Db, id: number): Promise<{ delivery: WebhookDelivery; url: string; secret: string; active: boolean } | null> {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .selectAll('d')
    .select(['w.url', 'w.secret', 'w.active'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row ? { delivery: toDelivery(row), url: row.url, secret: row.secret, active: row.active } : null;
}

/** Pending deliveries for a worker to queue, locked for the caller's transaction and marked scheduled. */
export async function schedulePendingDeliveries(db: Db, limit: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    UPDATE webhook_deliveries SET status = 'scheduled', next_attempt_at = now()
    WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db);
  return result.rows.map((r) => r.id).sort((a, b) => a - b);
}

export interface AttemptOutcome {
  delivered: boolean;
  responseCode: number | null;
  error: string | null;
  durationMs: number;
  /** When the next attempt is due; null: no more attempts (delivered, or given up). */
  nextAttemptAt: Date | null;
}

/** Records attempt number `attempt`, unless another worker recorded it first (returns false). */
export async function recordDeliveryAttempt(db: Db, id: number, attempt: number, outcome: AttemptOutcome): Promise<boolean> {
  const status: DeliveryStatus = outcome.delivered ? 'delivered' : outcome.nextAttemptAt ? 'scheduled' : 'failed';
  const result = await db
    .updateTable('webhook_deliveries')
    .set({
      status,
      attempts: attempt,
      last_attempt_at: sql<Date>`now()`,
      next_attempt_at: outcome.nextAttemptAt,
      response_code: outcome.responseCode,
      last_error: outcome.error?.slice(0, 1000) ?? null,
      duration_ms: outcome.durationMs,
      ...(outcome.delivered && { delivered_at: sql<Date>`now()` }),
    })
    .where('id', '=', id)
    .where('attempts', '=', attempt - 1)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- scanners ---------------------------------------------------------------------------------

export type ScannedSource = 'task.completed' | 'item.accepted';

/** task.completed: a label task finished by its annotator (a first submission, or redone work after a rejection). */
function taskCompletions(cursor: number, limit: number) {
  return sql`
    WITH scanned AS (
      SELECT a.id, a.project_id, a.item_id, a.task_id, a.annotator_id, a.source, a.supersedes_id, a.created_at
      FROM annotations a WHERE a.id > ${cursor} ORDER BY a.id LIMIT ${limit}
    ), inserted AS (
      INSERT INTO webhook_deliveries (project_id, webhook_id, event, event_key, payload)
      SELECT s.project_id, w.id, 'task.completed', 'annotation:' || s.id,
             jsonb_build_object('taskId', s.task_id, 'annotationId', s.id, 'itemId', s.item_id, 'itemExternalId', i.external_id,
                                'annotatorId', s.annotator_id, 'completedAt', s.created_at)
      FROM scanned s
      JOIN webhooks w ON w.project_id = s.project_id AND w.active AND 'task.completed' = ANY(w.events) AND w.created_at <= s.created_at
      JOIN items i ON i.project_id = s.project_id AND i.id = s.item_id
      WHERE s.task_id IS NOT NULL AND s.source = 'human'
        AND (s.supersedes_id IS NULL
             OR EXISTS (SELECT 1 FROM reviews r WHERE r.annotation_id = s.supersedes_id AND r.decision = 'reject'))
      ON CONFLICT (webhook_id, event_key) DO NOTHING
      RETURNING 1
    )`;
}

/** item.accepted: a reviewer accepted a person's annotation, or corrected it (the correction is the label). */
function acceptances(cursor: number, limit: number) {
  return sql`
    WITH scanned AS (
      SELECT r.id, r.project_id, r.item_id, r.annotation_id, r.reviewer_id, r.decision, r.corrected_annotation_id, r.created_at
      FROM reviews r WHERE r.id > ${cursor} ORDER BY r.id LIMIT ${limit}
    ), inserted AS (
      INSERT INTO webhook_deliveries (project_id, webhook_id, event, event_key, payload)
      SELECT s.project_id, w.id, 'item.accepted', 'review:' || s.id,
             jsonb_build_object('reviewId', s.id, 'itemId', s.item_id, 'itemExternalId', i.external_id, 'decision', s.decision,
                                'annotationId', coalesce(s.corrected_annotation_id, s.annotation_id), 'reviewedAnnotationId', s.annotation_id,
                                'annotatorId', a.annotator_id, 'reviewerId', s.reviewer_id, 'acceptedAt', s.created_at)
      FROM scanned s
      JOIN annotations a ON a.id = s.annotation_id AND a.source = 'human'
      JOIN webhooks w ON w.project_id = s.project_id AND w.active AND 'item.accepted' = ANY(w.events) AND w.created_at <= s.created_at
      JOIN items i ON i.project_id = s.project_id AND i.id = s.item_id
      WHERE s.decision IN ('accept', 'correct')
      ON CONFLICT (webhook_id, event_key) DO NOTHING
      RETURNING 1
    )`;
}

/**
 * One pass of a scanner, in the caller's transaction: makes the deliveries of up to `limit` new
 * rows and moves the cursor. Another server's scanner holding the cursor makes this one a no-op.
 * The first pass ever starts at the end of the table: events from before webhooks existed are not sent.
 */
export async function scanEvents(db: Db, source: ScannedSource, settleSeconds: number, limit: number): Promise<{ scanned: number; created: number }> {
  const table = source === 'task.completed' ? sql.raw('annotations') : sql.raw('reviews');
  const locked = await sql<{ last_id: number }>`SELECT last_id FROM webhook_cursors WHERE source = ${source} FOR UPDATE SKIP LOCKED`.execute(db);
  if (locked.rows.length === 0) {
    await sql`INSERT INTO webhook_cursors (source, last_id) SELECT ${source}, coalesce(max(id), 0) FROM ${table} ON CONFLICT (source) DO NOTHING`.execute(db);
    return { scanned: 0, created: 0 };
  }
  const cursor = Number(locked.rows[0]!.last_id);
  const scan = source === 'task.completed' ? taskCompletions(cursor, limit) : acceptances(cursor, limit);
  const result = await sql<{ created: number; scanned: number; first_unsettled: number | null; last: number | null }>`
    ${scan}
    SELECT (SELECT count(*) FROM inserted)::bigint AS created, (SELECT count(*) FROM scanned)::bigint AS scanned,
           (SELECT min(id) FROM scanned WHERE created_at >= now() - make_interval(secs => ${settleSeconds})) AS first_unsettled,
           (SELECT max(id) FROM scanned) AS last`.execute(db);
  const row = result.rows[0]!;
  const next = row.first_unsettled !== null ? Number(row.first_unsettled) - 1 : row.last !== null ? Number(row.last) : cursor;
  if (next > cursor) await sql`UPDATE webhook_cursors SET last_id = ${next} WHERE source = ${source}`.execute(db);
  return { scanned: Number(row.scanned), created: Number(row.created) };
}
