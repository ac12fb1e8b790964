/** The reads behind the data-protection report: what a project holds, grouped, and samples of it. */
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Items sharing the attributes the hard limits look at. */
export interface ItemGroup {
  kind: 'image' | 'text';
  sensitivity: string;
  region: string | null;
  language: string | null;
  items: number;
}

export async function itemGroups(db: Db, projectId: number): Promise<ItemGroup[]> {
  const rows = await db
    .selectFrom('items')
    .select((eb) => ['kind', 'sensitivity', 'region', 'language', eb.fn.countAll<number>().as('items')])
    .where('project_id', '=', projectId)
    .groupBy(['kind', 'sensitivity', 'region', 'language'])
    .orderBy('sensitivity')
    .orderBy('region')
    .orderBy('language')
    .execute();
  return rows.map((r) => ({ kind: r.kind, sensitivity: r.sensitivity, region: r.region, language: r.language, items: Number(r.items) }));
}

export async function oldestItemDate(db: Db, projectId: number): Promise<Date | null> {
  const row = await db.selectFrom('items').select((eb) => eb.fn.min('created_at').as('oldest')).where('project_id', '=', projectId).executeTakeFirst();
  return row?.oldest ? new Date(row.oldest as unknown as string) : null;
}

/** Texts spread over the project (every n-th by id), for a PII scan that does not read them all. */
export async function sampleTexts(db: Db, projectId: number, size: number): Promise<string[]> {
  const result = await sql<{ text: string }>`
    SELECT text FROM (
      SELECT text, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total
      FROM items WHERE project_id = ${projectId} AND text IS NOT NULL
    ) s
    WHERE s.total <= ${size} OR s.n % GREATEST(1, s.total / ${size}) = 0
    LIMIT ${size}`.execute(db);
  return result.rows.map((r) => r.text);
}

export async function memberCounts(db: Db, poolIds: readonly number[]): Promise<Map<number, number>> {
  if (poolIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('pool_members')
    .select((eb) => ['pool_id', eb.fn.countAll<number>().as('n')])
    .where('pool_id', '=', sql<number>`ANY(${poolIds as number[]}::bigint[])`)
    .where('paused_at', 'is', null)
    .groupBy('pool_id')
    .execute();
  return new Map(rows.map((r) => [r.pool_id, Number(r.n)]));
}

/** The in-house pools (they see every project) and the pools a project's policy works with. */
export async function poolIdsSeeingProject(db: Db, projectId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    SELECT id FROM pools WHERE archived_at IS NULL AND (kind = 'in_house' OR id IN (SELECT pool_id FROM project_pools WHERE project_id = ${projectId}))
    ORDER BY id`.execute(db);
  return result.rows.map((r) => r.id);
}
