/**
 * What erasure needs from the database: finding the items of a data subject or past their
 * retention, what depends on them, and deleting them (the foreign keys cascade to their tasks,
 * annotations, reviews, skips, masks and escalations).
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface ErasableItem {
  id: number;
  projectId: number;
  contentUri: string | null;
  createdAt: Date;
}

/** Locks the items for the rest of the transaction; ids that do not exist are left out. */
export async function lockItems(db: Db, ids: readonly number[]): Promise<ErasableItem[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ id: number; project_id: number; content_uri: string | null; created_at: Date }>`
    SELECT id, project_id, content_uri, created_at FROM items WHERE id = ANY(${ids as number[]}::bigint[]) ORDER BY id FOR UPDATE`.execute(db);
  return result.rows.map((r) => ({ id: r.id, projectId: r.project_id, contentUri: r.content_uri, createdAt: r.created_at }));
}

/** Of these ids, those of items that exist. */
export async function existingItemIds(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ id: number }>`SELECT id FROM items WHERE id = ANY(${ids as number[]}::bigint[])`.execute(db);
  return result.rows.map((r) => Number(r.id));
}

/** Items whose metadata holds `key` with this value (as text: 123 and "123" both match). */
export async function itemIdsWithMetadata(db: Db, key: string, value: string, projectId: number | null, afterId: number, limit: number): Promise<number[]> {
  let q = db
    .selectFrom('items')
    .select('id')
    .where(sql<string>`metadata ->> ${key}`, '=', value)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  if (projectId !== null) q = q.where('project_id', '=', projectId);
  return (await q.execute()).map((r) => r.id);
}

/** A project's items created before `before`, oldest first. */
export async function itemIdsCreatedBefore(db: Db, projectId: number, before: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('items')
    .select('id')
    .where('project_id', '=', projectId)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export interface ExpiredCounts {
  items: number;
  tasks: number;
  annotations: number;
  reviews: number;
}

/** How many of a project's items were created before `before`, and their tasks, annotations and reviews. */
export async function countItemsCreatedBefore(db: Db, projectId: number, before: Date): Promise<ExpiredCounts> {
  const result = await sql<{ items: number; tasks: number; annotations: number; reviews: number }>`
    WITH expired AS (SELECT id FROM items WHERE project_id = ${projectId} AND created_at < ${before})
    SELECT (SELECT count(*) FROM expired) AS items,
           (SELECT count(*) FROM tasks WHERE project_id = ${projectId} AND item_id IN (SELECT id FROM expired)) AS tasks,
           (SELECT count(*) FROM annotations WHERE project_id = ${projectId} AND item_id IN (SELECT id FROM expired)) AS annotations,
           (SELECT count(*) FROM reviews WHERE project_id = ${projectId} AND item_id IN (SELECT id FROM expired)) AS reviews`.execute(db);
  const row = result.rows[0]!;
  return { items: Number(row.items), tasks: Number(row.tasks), annotations: Number(row.annotations), reviews: Number(row.reviews) };
}

export interface Dependants {
  tasks: number;
  annotations: number;
  reviews: number;
  annotationIds: number[];
}

export async function dependantsOf(db: Db, ids: readonly number[]): Promise<Dependants> {
  const idList = ids as number[];
  const counts = await sql<{ tasks: number; reviews: number }>`
    SELECT (SELECT count(*) FROM tasks WHERE item_id = ANY(${idList}::bigint[])) AS tasks,
           (SELECT count(*) FROM reviews WHERE item_id = ANY(${idList}::bigint[])) AS reviews`.execute(db);
  const annotations = await db.selectFrom('annotations').select('id').where('item_id', '=', sql<number>`ANY(${idList}::bigint[])`).execute();
  const row = counts.rows[0]!;
  return { tasks: Number(row.tasks), reviews: Number(row.reviews), annotations: annotations.length, annotationIds: annotations.map((a) => a.id) };
}

export async function deleteItems(db: Db, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await sql`DELETE FROM items WHERE id = ANY(${ids as number[]}::bigint[])`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Of these content locations, the ones no remaining item uses (their files can go). */
export async function unsharedContentUris(db: Db, uris: readonly string[]): Promise<string[]> {
  if (uris.length === 0) return [];
  const used = await db.selectFrom('items').select('content_uri').where('content_uri', '=', sql<string>`ANY(${uris as string[]}::text[])`).execute();
  const stillUsed = new Set(used.map((r) => r.content_uri));
  return [...new Set(uris)].filter((u) => !stillUsed.has(u));
}

/** Webhook deliveries about the items or their annotations (their payloads may carry results). */
export async function deleteWebhookDeliveriesAbout(db: Db, itemIds: readonly number[], annotationIds: readonly number[]): Promise<number> {
  const keys = [...itemIds.map((id) => `item:${id}`), ...annotationIds.map((id) => `annotation:${id}`)];
  const items = itemIds.map(String);
  const result = await sql`
    DELETE FROM webhook_deliveries
    WHERE event_key = ANY(${keys}::text[]) OR payload ->> 'itemId' = ANY(${items}::text[])`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface ExportFileRecord {
  id: number;
  file: string | null;
}

/**
 * Exports of these projects made since `since` (any of them may list the items), deleted from the
 * table; their files are the caller's to remove.
 */
export async function deleteExportsSince(db: Db, projectIds: readonly number[], since: Date): Promise<ExportFileRecord[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .deleteFrom('exports')
    .where('project_id', '=', sql<number>`ANY(${projectIds as number[]}::bigint[])`)
    .where('created_at', '>=', since)
    .returning(['id', 'file'])
    .execute();
  return rows.map((r) => ({ id: r.id, file: r.file }));
}

/**
 * Rewrites the tables that held item content so that deleted rows leave no bytes behind in their
 * files, refreshes their statistics (which sample values), and ends the write-ahead log segment
 * that recorded them, removing it instead of recycling it. Run outside a transaction; each
 * VACUUM FULL locks its table while it runs.
 */
export async function scrubDeletedRows(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql`VACUUM FULL ${sql.table(table)}`.execute(db);
    await sql`ANALYZE ${sql.table(table)}`.execute(db);
  }
  await sql`VACUUM FULL pg_statistic`.execute(db);
  await sql`SET wal_recycle = off`.execute(db);
  await sql`SELECT pg_switch_wal()`.execute(db);
  await sql`CHECKPOINT`.execute(db);
  await sql`CHECKPOINT`.execute(db);
}
