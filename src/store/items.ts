import { sql } from 'kysely';
import type { Item } from '../core/items.ts';
import type { Sensitivity } from '../core/workforce.ts';
import { type BatchColumn, batchRows } from './batch-rows.ts';
import type { Db } from './database.ts';
import { withParentsLocked } from './parents-locked.ts';
import type { ItemRow } from './schema.ts';

export function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    projectId: row.project_id,
    externalId: row.external_id,
    kind: row.kind,
    text: row.text,
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    metadata: row.metadata,
    sensitivity: row.sensitivity as Sensitivity,
    region: row.region,
    language: row.language,
    tags: row.tags,
    edgeCase: row.edge_case,
    modelConfidence: row.model_confidence,
    createdAt: row.created_at,
  };
}

export interface NewItemRecord {
  externalId: string | null;
  kind: 'image' | 'text';
  contentUri: string | null;
  text: string | null;
  mimeType: string | null;
  width: number | null;
  height: number | null;
  metadata: Record<string, unknown>;
  sensitivity: Sensitivity;
  region: string | null;
  language: string | null;
  tags: string[];
  edgeCase: boolean;
  /** The model's confidence in its prediction of the item, when imported with one. */
  modelConfidence?: number | null;
}

/** One label task slot of a new item: its pool (null: unrouted), priority and the rule that sent it. */
export interface NewTaskSlot {
  poolId: number | null;
  memberRole: 'expert' | null;
  priority: number;
  routedBy: string | null;
}

/**
 * Inserts a batch of items and their label tasks in one statement: arrays of columns are unnested
 * server-side, so a batch of thousands costs one round trip. `tasks` is either the overlap (that
 * many unrouted slots per item) or each item's routed slots. In a transaction, the foreign keys are
 * checked once per batch, not per row (`parents-locked.ts`).
 */
export async function insertItemsWithTasks(db: Db, projectId: number, items: NewItemRecord[], tasks: number | NewTaskSlot[][]): Promise<number[]> {
  return ((await insertItems(db, projectId, items, tasks, false, 'rows')) as InsertedItem[]).map((r) => r.id);
}

/**
 * As `insertItemsWithTasks`, for a caller that needs no ids (an import into an empty project): only
 * the count comes back. Sending thousands of rows back per batch cost a sixth of a PGlite import.
 */
export async function addItemsWithTasks(db: Db, projectId: number, items: NewItemRecord[], tasks: number | NewTaskSlot[][]): Promise<number> {
  if (items.length === 0) return 0;
  return ((await insertItems(db, projectId, items, tasks, false, 'count')) as { inserted: number }[])[0]!.inserted;
}

/**
 * Inserts the items whose external id the project does not have yet, and their tasks; returns the
 * inserted ones. The unique index finds the duplicates as it inserts: no separate look-up. Every
 * item must have an external id.
 */
export async function insertNewItemsWithTasks(db: Db, projectId: number, items: NewItemRecord[], tasks: number | NewTaskSlot[][]): Promise<{ id: number; externalId: string }[]> {
  if (items.some((i) => i.externalId === null)) throw new Error('insertNewItemsWithTasks needs external ids');
  return ((await insertItems(db, projectId, items, tasks, true, 'rows')) as InsertedItem[]).map((r) => ({ id: r.id, externalId: r.external_id! }));
}

/**
 * The overlap, when every item gets that many plain slots (unrouted, priority 0): the batch then
 * inserts its tasks from a series instead of joining six more arrays (a project without routing).
 */
function plainOverlap(tasks: NewTaskSlot[][]): number | null {
  const overlap = tasks[0]?.length ?? 0;
  const plain = (t: NewTaskSlot) => t.poolId === null && t.memberRole === null && t.priority === 0 && t.routedBy === null;
  return tasks.every((list) => list.length === overlap && list.every(plain)) ? overlap : null;
}

interface InsertedItem {
  id: number;
  external_id: string | null;
}

/** The columns of `items` a batch sends: tags joined by the unit separator, metadata as JSON text. */
const ITEM_COLUMNS: BatchColumn<NewItemRecord>[] = [
  { name: 'external_id', type: 'text', value: (i) => i.externalId },
  { name: 'kind', type: 'text', value: (i) => i.kind },
  { name: 'content_uri', type: 'text', value: (i) => i.contentUri },
  { name: 'text', type: 'text', value: (i) => i.text },
  { name: 'mime_type', type: 'text', value: (i) => i.mimeType },
  { name: 'width', type: 'int', value: (i) => i.width },
  { name: 'height', type: 'int', value: (i) => i.height },
  { name: 'metadata', type: 'jsonb', value: (i) => JSON.stringify(i.metadata) },
  { name: 'sensitivity', type: 'text', value: (i) => i.sensitivity },
  { name: 'region', type: 'text', value: (i) => i.region },
  { name: 'language', type: 'text', value: (i) => i.language },
  {
    name: 'tags',
    type: 'text',
    value: (i) => i.tags.join('\x1f'),
    stored: (v) => sql`CASE WHEN ${v} = '' THEN '{}'::text[] ELSE string_to_array(${v}, E'\x1f') END`,
  },
  { name: 'edge_case', type: 'boolean', value: (i) => i.edgeCase },
  { name: 'model_confidence', type: 'float8', value: (i) => i.modelConfidence ?? null },
];

async function insertItems(db: Db, projectId: number, items: NewItemRecord[], given: number | NewTaskSlot[][], skipExisting: boolean, returned: 'rows' | 'count'): Promise<unknown[]> {
  if (items.length === 0) return [];
  const tasks = typeof given === 'number' ? given : (plainOverlap(given) ?? given);
  const slots = typeof tasks === 'number' ? null : tasks.flatMap((list, ord) => list.map((t, k) => ({ ord: ord + 1, slot: k + 1, ...t })));
  const taskRows =
    slots === null
      ? sql`SELECT n.project_id, n.id, s.slot, NULL::bigint AS pool_id, NULL::text AS member_role, 0 AS priority, NULL::text AS routed_by
            FROM numbered n CROSS JOIN generate_series(1, ${tasks as number}::int) AS s(slot)`
      : sql`SELECT n.project_id, n.id, w.slot, w.pool_id, w.member_role, w.priority, w.routed_by
            FROM numbered n
            JOIN unnest(${slots.map((x) => x.ord)}::int[], ${slots.map((x) => x.slot)}::int[], ${slots.map((x) => x.poolId)}::bigint[],
                        ${slots.map((x) => x.memberRole)}::text[], ${slots.map((x) => x.priority)}::int[], ${slots.map((x) => x.routedBy)}::text[])
              AS w(ord, slot, pool_id, member_role, priority, routed_by) ON w.ord = n.ord`;
  // Rows skipped as duplicates leave gaps: then a row's place in the batch is found by its external id.
  const numbered = skipExisting
    ? sql`SELECT n.project_id, n.id, u.ord FROM new_items n JOIN unnest(${items.map((i) => i.externalId)}::text[]) WITH ORDINALITY AS u(external_id, ord) ON u.external_id = n.external_id`
    : sql`SELECT project_id, id, row_number() OVER (ORDER BY id) AS ord FROM new_items`;
  const onConflict = skipExisting ? sql`ON CONFLICT (project_id, external_id) WHERE external_id IS NOT NULL DO NOTHING` : sql``;
  const poolIds = slots === null ? [] : slots.map((x) => x.poolId);
  const selected = returned === 'rows' ? sql`SELECT id, external_id FROM new_items ORDER BY id` : sql`SELECT count(*)::int AS inserted FROM new_items`;
  const rows = batchRows(items, ITEM_COLUMNS);
  const result = await withParentsLocked(db, { projectId, poolIds }, () => sql<unknown>`
    WITH new_items AS (
      INSERT INTO items (project_id, ${rows.columns})
      SELECT ${projectId}, ${rows.values}
      FROM ${rows.source}
      ORDER BY u.ord
      ${onConflict}
      RETURNING project_id, id, external_id
    ), numbered AS (
      -- ids are handed out in insertion order, so (without gaps) their rank is the line's place in the batch
      ${numbered}
    ), new_tasks AS (
      INSERT INTO tasks (project_id, item_id, slot, pool_id, member_role, priority, routed_by)
      ${taskRows}
    )
    ${selected}`.execute(db));
  return result.rows;
}

export async function findItem(db: Db, id: number): Promise<Item | null> {
  const row = await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

/** The items of these ids that exist, by id: one read for a page of a queue. */
export async function findItems(db: Db, ids: readonly number[]): Promise<Map<number, Item>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('items').selectAll().where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, toItem(row)]));
}

/** The stored location of an item's bytes (never sent to clients as such). */
export async function findItemContentUri(db: Db, id: number): Promise<{ projectId: number; contentUri: string | null; mimeType: string | null } | null> {
  const row = await db.selectFrom('items').select(['project_id', 'content_uri', 'mime_type']).where('id', '=', id).executeTakeFirst();
  return row ? { projectId: row.project_id, contentUri: row.content_uri, mimeType: row.mime_type } : null;
}

export async function existingExternalIds(db: Db, projectId: number, externalIds: string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('items')
    .select('external_id')
    .where('project_id', '=', projectId)
    .where('external_id', '=', sql<string>`ANY(${externalIds}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.external_id as string));
}

export async function setItemDimensions(db: Db, id: number, width: number, height: number): Promise<void> {
  await db.updateTable('items').set({ width, height }).where('id', '=', id).execute();
}

export interface ItemListQuery {
  projectId: number;
  limit: number;
  afterId?: number;
}

export async function listItems(db: Db, query: ItemListQuery): Promise<Item[]> {
  let q = db.selectFrom('items').selectAll().where('project_id', '=', query.projectId).orderBy('id').limit(query.limit);
  if (query.afterId !== undefined) q = q.where('id', '>', query.afterId);
  return (await q.execute()).map(toItem);
}

/** Has this user been handed a task on this item (held now, or done)? */
export async function userHasWorkedOnItem(db: Db, projectId: number, itemId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('tasks')
    .select('id')
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .where('assignee_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Imports into one project run one after another: an import may then rely on what it saw of the
 * project at its start (an empty project holds nothing its items could repeat).
 */
export async function lockProjectImports(db: Db, projectId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`atelier.import:${projectId}`}, 0))`.execute(db);
}

export async function recordImport(
  db: Db,
  record: { projectId: number; source: string; format: string; status: 'done' | 'failed'; total: number; imported: number; rejected: number; errors: unknown[]; createdBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto('imports')
    .values({
      project_id: record.projectId,
      source: record.source,
      format: record.format,
      status: record.status,
      total: record.total,
      imported: record.imported,
      rejected: record.rejected,
      errors: JSON.stringify(record.errors.slice(0, 1000)),
      created_by: record.createdBy,
      finished_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ItemAttributeChanges {
  sensitivity?: string;
  region?: string | null;
  language?: string | null;
  tags?: string[];
  edgeCase?: boolean;
  modelConfidence?: number | null;
}

export async function updateItemAttributes(db: Db, itemId: number, changes: ItemAttributeChanges): Promise<Item | null> {
  const columns = {
    ...(changes.sensitivity !== undefined && { sensitivity: changes.sensitivity }),
    ...(changes.region !== undefined && { region: changes.region }),
    ...(changes.language !== undefined && { language: changes.language }),
    ...(changes.tags !== undefined && { tags: changes.tags }),
    ...(changes.edgeCase !== undefined && { edge_case: changes.edgeCase }),
    ...(changes.modelConfidence !== undefined && { model_confidence: changes.modelConfidence }),
  };
  // Nothing to change is no change, not an UPDATE with an empty SET (a syntax error in SQL).
  if (Object.keys(columns).length === 0) return findItem(db, itemId);
  const row = await db.updateTable('items').set(columns).where('id', '=', itemId).returningAll().executeTakeFirst();
  return row ? toItem(row) : null;
}
