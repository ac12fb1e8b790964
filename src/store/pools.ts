import { type Selectable, sql } from 'kysely';
import type { CostModel, Pool, PoolKind, PoolSla, Sensitivity } from '../core/workforce.ts';
import { memberPool } from './analytics-work.ts';
import type { Db } from './database.ts';
import type { MemberRole, PoolMembersTable, PoolsTable } from './schema.ts';

export function toPool(row: Selectable<PoolsTable>): Pool {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind as PoolKind,
    vendor: row.vendor,
    costModel: (row.cost_model as CostModel | null) ?? null,
    regions: row.regions,
    clearance: row.clearance as Sensitivity,
    skills: row.skills,
    languages: row.languages,
    capacityHoursPerWeek: row.capacity_hours_per_week,
    timeZone: row.time_zone,
    sla: (row.sla as PoolSla | null) ?? {},
  };
}

export type NewPool = Omit<Pool, 'id'>;

function poolColumns(pool: Partial<NewPool>) {
  return {
    ...(pool.key !== undefined && { key: pool.key }),
    ...(pool.name !== undefined && { name: pool.name }),
    ...(pool.kind !== undefined && { kind: pool.kind }),
    ...(pool.vendor !== undefined && { vendor: pool.vendor }),
    ...(pool.costModel !== undefined && { cost_model: pool.costModel === null ? null : JSON.stringify(pool.costModel) }),
    ...(pool.regions !== undefined && { regions: pool.regions }),
    ...(pool.clearance !== undefined && { clearance: pool.clearance }),
    ...(pool.skills !== undefined && { skills: pool.skills }),
    ...(pool.languages !== undefined && { languages: pool.languages }),
    ...(pool.capacityHoursPerWeek !== undefined && { capacity_hours_per_week: pool.capacityHoursPerWeek }),
    ...(pool.timeZone !== undefined && { time_zone: pool.timeZone }),
    ...(pool.sla !== undefined && { sla: JSON.stringify(pool.sla) }),
  };
}

export async function insertPool(db: Db, pool: NewPool): Promise<Pool> {
  const row = await db
    .insertInto('pools')
    .values({ ...poolColumns(pool), key: pool.key, name: pool.name, kind: pool.kind })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPool(row);
}

export async function updatePool(db: Db, id: number, changes: Partial<NewPool>): Promise<Pool | null> {
  const columns = poolColumns(changes);
  if (Object.keys(columns).length === 0) return findPool(db, id);
  const row = await db.updateTable('pools').set(columns).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? toPool(row) : null;
}

export async function findPool(db: Db, id: number): Promise<Pool | null> {
  const row = await db.selectFrom('pools').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPool(row) : null;
}

export async function findPoolByKey(db: Db, key: string): Promise<Pool | null> {
  const row = await db.selectFrom('pools').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? toPool(row) : null;
}

/** Which of these keys name a pool (archived or not). */
export async function poolKeysAmong(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('pools').select('key').where('key', 'in', [...keys]).execute();
  return new Set(rows.map((r) => r.key));
}

export async function listPools(db: Db): Promise<Pool[]> {
  return (await db.selectFrom('pools').selectAll().where('archived_at', 'is', null).orderBy('id').execute()).map(toPool);
}

export interface PoolMembership {
  poolId: number;
  userId: number;
  role: MemberRole;
  paused: boolean;
  pausedReason: string | null;
  since: Date;
}

function toMembership(row: Selectable<PoolMembersTable>): PoolMembership {
  return { poolId: row.pool_id, userId: row.user_id, role: row.role, paused: row.paused_at !== null, pausedReason: row.paused_reason, since: row.created_at };
}

/** Adds a member, or changes their role when they are one already. */
export async function upsertMember(db: Db, poolId: number, userId: number, role: MemberRole): Promise<PoolMembership> {
  const row = await db
    .insertInto('pool_members')
    .values({ pool_id: poolId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['pool_id', 'user_id']).doUpdateSet({ role }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMembership(row);
}

export async function removeMember(db: Db, poolId: number, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('pool_members').where('pool_id', '=', poolId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function setMemberPaused(db: Db, poolId: number, userId: number, reason: string | null): Promise<boolean> {
  const result = await db
    .updateTable('pool_members')
    .set({ paused_at: reason === null ? null : new Date(), paused_reason: reason })
    .where('pool_id', '=', poolId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listMembers(db: Db, poolId: number): Promise<(PoolMembership & { email: string; name: string })[]> {
  const rows = await db
    .selectFrom('pool_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('m')
    .select(['u.email', 'u.name'])
    .where('m.pool_id', '=', poolId)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ ...toMembership(r), email: r.email, name: r.name }));
}

/** Every membership of a user, with its pool. */
export async function membershipsOf(db: Db, userId: number): Promise<{ membership: PoolMembership; pool: Pool }[]> {
  const rows = await db
    .selectFrom('pool_members as m')
    .innerJoin('pools as p', 'p.id', 'm.pool_id')
    .selectAll('p')
    .select(['m.pool_id', 'm.user_id', 'm.role', 'm.paused_at', 'm.paused_reason', 'm.created_at as member_since'])
    .where('m.user_id', '=', userId)
    .where('p.archived_at', 'is', null)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    membership: { poolId: r.pool_id, userId: r.user_id, role: r.role, paused: r.paused_at !== null, pausedReason: r.paused_reason, since: r.member_since },
    pool: toPool(r),
  }));
}

export async function setProjectPools(db: Db, projectId: number, poolIds: number[]): Promise<void> {
  await db.deleteFrom('project_pools').where('project_id', '=', projectId).execute();
  if (poolIds.length > 0) {
    await db.insertInto('project_pools').values([...new Set(poolIds)].map((pool_id) => ({ project_id: projectId, pool_id }))).execute();
  }
}

export async function projectIdsOfPools(db: Db, poolIds: number[]): Promise<number[]> {
  if (poolIds.length === 0) return [];
  const rows = await db.selectFrom('project_pools').select('project_id').distinct().where('pool_id', 'in', poolIds).execute();
  return rows.map((r) => r.project_id);
}

export async function poolIdsOfProject(db: Db, projectId: number): Promise<number[]> {
  const rows = await db.selectFrom('project_pools').select('pool_id').where('project_id', '=', projectId).execute();
  return rows.map((r) => r.pool_id);
}

export interface PoolQueueRow {
  projectId: number;
  projectName: string;
  queued: number;
  leased: number;
  done: number;
  expertQueued: number;
}

/** What a pool has in hand, project by project: the figures its manager sees. */
export async function poolQueue(db: Db, poolId: number): Promise<PoolQueueRow[]> {
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select((eb) => [
      't.project_id',
      'p.name',
      eb.fn.countAll<number>().filterWhere('t.status', '=', 'queued').as('queued'),
      eb.fn.countAll<number>().filterWhere('t.status', '=', 'leased').as('leased'),
      eb.fn.countAll<number>().filterWhere('t.status', '=', 'done').as('done'),
      eb.fn.countAll<number>().filterWhere((w) => w.and([w('t.status', '=', 'queued'), w('t.member_role', '=', 'expert')])).as('expert_queued'),
    ])
    .where('t.pool_id', '=', poolId)
    .groupBy(['t.project_id', 'p.name'])
    .orderBy('t.project_id')
    .execute();
  return rows.map((r) => ({ projectId: r.project_id, projectName: r.name, queued: Number(r.queued), leased: Number(r.leased), done: Number(r.done), expertQueued: Number(r.expert_queued) }));
}

/**
 * What was made in a pool over the last `days` days, per person: the answers to its tasks and the
 * imported labels credited to it, by whoever made them. The work's pool decides, not who is a member
 * now: someone who joins brings no work made for another pool, and someone who left keeps what they
 * made here. A reviewer's correction counts for the reviewer's pool, as the analytics count it
 * (memberPool, analytics-work.ts). Read project by project, so that each walks the annotations'
 * (project_id, created_at) index from `since` on instead of the whole table.
 */
export async function memberOutput(db: Db, poolId: number, days: number): Promise<{ userId: number; name: string | null; annotations: number; activeMs: number }[]> {
  const since = new Date(Date.now() - days * 86_400_000);
  const { rows } = await sql<{ annotator_id: number; name: string | null; n: number | string; ms: number | string | null }>`
    SELECT a.annotator_id, u.name, count(*) AS n, sum(a.time_spent_ms) AS ms
    FROM projects p
    JOIN annotations a ON a.project_id = p.id AND a.created_at >= ${since.toISOString()}::timestamptz
    LEFT JOIN tasks t ON t.id = a.task_id
    LEFT JOIN users u ON u.id = a.annotator_id
    WHERE a.annotator_id IS NOT NULL AND a.source IN ('human', 'import')
      AND CASE WHEN EXISTS (SELECT 1 FROM reviews c WHERE c.corrected_annotation_id = a.id)
               THEN ${memberPool(sql`a.annotator_id`, sql`a.project_id`)} = ${poolId}
               ELSE coalesce(t.pool_id, a.pool_id) = ${poolId} END
    GROUP BY a.annotator_id, u.name
    ORDER BY a.annotator_id`.execute(db);
  return rows.map((r) => ({ userId: Number(r.annotator_id), name: r.name, annotations: Number(r.n), activeMs: Number(r.ms ?? 0) }));
}
