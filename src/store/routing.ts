/** Versioned routing policies, and the reads and writes that routing items needs in bulk. */
import { sql } from 'kysely';
import type { RoutingPolicy } from '../core/routing/policy.ts';
import type { Sensitivity } from '../core/workforce.ts';
import type { Db } from './database.ts';

export interface PolicyVersion {
  projectId: number;
  version: number;
  policy: RoutingPolicy;
  note: string;
  createdAt: Date;
}

export async function insertPolicyVersion(db: Db, projectId: number, policy: RoutingPolicy, note: string, createdBy: number | null): Promise<number> {
  const row = await db
    .insertInto('routing_policies')
    .values((eb) => ({
      project_id: projectId,
      version: eb.selectFrom('routing_policies').where('project_id', '=', projectId).select(sql<number>`coalesce(max(version), 0) + 1`.as('v')),
      policy: JSON.stringify(policy),
      note,
      created_by: createdBy,
    }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function currentPolicy(db: Db, projectId: number): Promise<PolicyVersion | null> {
  const row = await db
    .selectFrom('routing_policies')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { projectId: row.project_id, version: row.version, policy: row.policy as RoutingPolicy, note: row.note, createdAt: row.created_at } : null;
}

export async function listPolicyVersions(db: Db, projectId: number): Promise<PolicyVersion[]> {
  const rows = await db.selectFrom('routing_policies').selectAll().where('project_id', '=', projectId).orderBy('version').execute();
  return rows.map((row) => ({ projectId: row.project_id, version: row.version, policy: row.policy as RoutingPolicy, note: row.note, createdAt: row.created_at }));
}

/** What routing reads of an item, with its position in the project (import order, from 0). */
export interface RoutingRow {
  id: number;
  position: number;
  sensitivity: Sensitivity;
  region: string | null;
  language: string | null;
  tags: string[];
  edgeCase: boolean;
  confidence: number | null;
}

/** A batch of a project's items in id order, after `afterId`, with their positions. */
export async function routingRows(db: Db, projectId: number, afterId: number, afterPosition: number, limit: number): Promise<RoutingRow[]> {
  const rows = await db
    .selectFrom('items')
    .select(['id', 'sensitivity', 'region', 'language', 'tags', 'edge_case', 'model_confidence'])
    .where('project_id', '=', projectId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r, i) => ({
    id: r.id,
    position: afterPosition + i,
    sensitivity: r.sensitivity as Sensitivity,
    region: r.region,
    language: r.language,
    tags: r.tags,
    edgeCase: r.edge_case,
    confidence: r.model_confidence,
  }));
}

export async function itemPosition(db: Db, projectId: number, itemId: number): Promise<number> {
  const row = await db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('id', '<', itemId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function itemCount(db: Db, projectId: number): Promise<number> {
  const row = await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One task slot of an item as routing wants it. */
export interface TaskRoute {
  poolId: number | null;
  memberRole: 'expert' | null;
  priority: number;
  routedBy: string | null;
}

/**
 * Re-routes the label tasks of these items that nobody has claimed yet: the queued ones get their
 * new pool and priority; missing slots are added; slots beyond the new overlap are cancelled.
 * `routes[i]` is the wanted list of slots of `itemIds[i]`.
 */
export async function rerouteUnclaimedTasks(db: Db, projectId: number, itemIds: number[], routes: TaskRoute[][]): Promise<{ updated: number; added: number; cancelled: number }> {
  if (itemIds.length === 0) return { updated: 0, added: 0, cancelled: 0 };
  const flat = itemIds.flatMap((itemId, i) => routes[i]!.map((r, slot) => ({ itemId, slot: slot + 1, ...r })));
  const col = <T>(f: (x: (typeof flat)[number]) => T): T[] => flat.map(f);
  const result = await sql<{ updated: number; added: number; cancelled: number }>`
    WITH wanted AS (
      SELECT * FROM unnest(${col((x) => x.itemId)}::bigint[], ${col((x) => x.slot)}::int[], ${col((x) => x.poolId)}::bigint[],
                           ${col((x) => x.memberRole)}::text[], ${col((x) => x.priority)}::int[], ${col((x) => x.routedBy)}::text[])
        AS w(item_id, slot, pool_id, member_role, priority, routed_by)
    ), open AS (
      -- unclaimed queued slots, numbered after the slots already taken (claimed or done) of the item
      SELECT t.id, t.item_id,
             (SELECT count(*) FROM tasks d WHERE d.project_id = t.project_id AND d.item_id = t.item_id AND d.stage = 'label'
                AND d.status <> 'cancelled' AND NOT (d.status = 'queued' AND d.claimed_at IS NULL))
             + row_number() OVER (PARTITION BY t.item_id ORDER BY t.slot, t.id) AS want_slot
      FROM tasks t
      WHERE t.project_id = ${projectId} AND t.stage = 'label' AND t.status = 'queued' AND t.claimed_at IS NULL
        AND t.item_id = ANY(${itemIds}::bigint[])
    ), updated AS (
      UPDATE tasks t SET pool_id = w.pool_id, member_role = w.member_role, priority = w.priority, routed_by = w.routed_by
      FROM open o JOIN wanted w ON w.item_id = o.item_id AND w.slot = o.want_slot
      WHERE t.id = o.id
      RETURNING t.id
    ), cancelled AS (
      UPDATE tasks t SET status = 'cancelled'
      FROM open o
      WHERE t.id = o.id AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.item_id = o.item_id AND w.slot = o.want_slot)
      RETURNING t.id
    ), taken AS (
      SELECT item_id, count(*) AS n FROM tasks
      WHERE project_id = ${projectId} AND stage = 'label' AND item_id = ANY(${itemIds}::bigint[]) AND status <> 'cancelled'
      GROUP BY item_id
    ), added AS (
      INSERT INTO tasks (project_id, item_id, slot, pool_id, member_role, priority, routed_by)
      SELECT ${projectId}, w.item_id, w.slot, w.pool_id, w.member_role, w.priority, w.routed_by
      FROM wanted w LEFT JOIN taken k ON k.item_id = w.item_id
      WHERE w.slot > coalesce(k.n, 0)
      RETURNING id
    )
    SELECT (SELECT count(*) FROM updated)::int AS updated, (SELECT count(*) FROM added)::int AS added,
           (SELECT count(*) FROM cancelled)::int AS cancelled`.execute(db);
  return result.rows[0]!;
}

export interface ItemTaskRoute {
  taskId: number;
  slot: number;
  status: string;
  poolId: number | null;
  memberRole: string | null;
  priority: number;
  routedBy: string | null;
  assigneeId: number | null;
  stage: string;
}

export async function itemTaskRoutes(db: Db, projectId: number, itemId: number): Promise<ItemTaskRoute[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'slot', 'status', 'pool_id', 'member_role', 'priority', 'routed_by', 'assignee_id', 'stage'])
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    taskId: r.id,
    slot: r.slot,
    status: r.status,
    poolId: r.pool_id,
    memberRole: r.member_role,
    priority: r.priority,
    routedBy: r.routed_by,
    assigneeId: r.assignee_id,
    stage: r.stage,
  }));
}

export async function insertEscalation(
  db: Db,
  e: { projectId: number; itemId: number; reason: string; fromPool: number | null; toPool: number | null; rule: string | null; createdBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto('escalations')
    .values({ project_id: e.projectId, item_id: e.itemId, reason: e.reason, from_pool: e.fromPool, to_pool: e.toPool, rule: e.rule, created_by: e.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listEscalations(db: Db, projectId: number, itemId: number): Promise<{ id: number; reason: string; fromPool: number | null; toPool: number | null; rule: string | null; createdAt: Date }[]> {
  const rows = await db.selectFrom('escalations').selectAll().where('project_id', '=', projectId).where('item_id', '=', itemId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, reason: r.reason, fromPool: r.from_pool, toPool: r.to_pool, rule: r.rule, createdAt: r.created_at }));
}

/** Adds one task of a later stage (adjudication) for an item, routed to a pool. */
export async function insertStageTask(
  db: Db,
  t: { projectId: number; itemId: number; stage: 'adjudicate' | 'review'; poolId: number | null; memberRole: 'expert' | null; priority: number; routedBy: string | null },
): Promise<number> {
  const row = await db
    .insertInto('tasks')
    .values({ project_id: t.projectId, item_id: t.itemId, stage: t.stage, slot: 1, pool_id: t.poolId, member_role: t.memberRole, priority: t.priority, routed_by: t.routedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Leaves a queued task to nobody's pool: unrouted work, in-house staff's (and, for an adjudication, in-house experts'). */
export async function unrouteQueuedTask(db: Db, projectId: number, taskId: number): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ pool_id: null, member_role: null, routed_by: null })
    .where('project_id', '=', projectId)
    .where('id', '=', taskId)
    .where('status', '=', 'queued')
    .execute();
}

/** Cancels an item's label tasks that nobody holds now (the item went to a higher tier). */
export async function cancelQueuedLabelTasks(db: Db, projectId: number, itemId: number): Promise<number> {
  const result = await db
    .updateTable('tasks')
    .set({ status: 'cancelled' })
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .where('stage', '=', 'label')
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
