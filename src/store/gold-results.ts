/** Gold results: how each annotator's answers to gold tasks scored, for the workflow's weights and the quality pages. */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { type PoolIds, poolIn } from './pool-scope-sql.ts';

export async function insertGoldResult(
  tx: Db,
  g: { projectId: number; itemId: number; annotationId: number; annotatorId: number | null; poolId: number | null; score: number; passed: boolean; answeredAt: Date },
): Promise<void> {
  // Dated by the answer, not the scoring: gold accuracy over time counts weeks by it.
  await tx
    .insertInto('gold_results')
    .values({ project_id: g.projectId, item_id: g.itemId, annotation_id: g.annotationId, annotator_id: g.annotatorId, pool_id: g.poolId, score: g.score, passed: g.passed, created_at: g.answeredAt })
    .onConflict((oc) => oc.column('annotation_id').doNothing())
    .execute();
}

export async function goldTally(db: Db, projectId: number, annotatorId: number): Promise<{ answered: number; passed: number }> {
  const row = await db
    .selectFrom('gold_results')
    .select((eb) => [eb.fn.countAll<number>().as('answered'), eb.fn.countAll<number>().filterWhere('passed', '=', true).as('passed')])
    .where('project_id', '=', projectId)
    .where('annotator_id', '=', annotatorId)
    .executeTakeFirstOrThrow();
  return { answered: Number(row.answered), passed: Number(row.passed) };
}

/** Each annotator's gold accuracy in the project, smoothed (one pass, one fail added) so that few answers weigh little. */
export async function goldWeights(db: Db, projectId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('gold_results')
    .select((eb) => ['annotator_id', eb.fn.countAll<number>().as('n'), eb.fn.countAll<number>().filterWhere('passed', '=', true).as('ok')])
    .where('project_id', '=', projectId)
    .groupBy('annotator_id')
    .execute();
  return new Map(rows.filter((r) => r.annotator_id !== null).map((r) => [r.annotator_id as number, (Number(r.ok) + 1) / (Number(r.n) + 2)]));
}

export interface GoldTallyRow {
  annotatorId: number | null;
  annotatorName: string | null;
  poolKey: string | null;
  answered: number;
  passed: number;
}

export async function goldByAnnotator(db: Db, projectId: number, pools: PoolIds = null): Promise<GoldTallyRow[]> {
  const rows = await db
    .selectFrom('gold_results as g')
    .leftJoin('users as u', 'u.id', 'g.annotator_id')
    .leftJoin('pools as p', 'p.id', 'g.pool_id')
    .select((eb) => ['g.annotator_id', 'u.name', 'p.key', eb.fn.countAll<number>().as('n'), eb.fn.countAll<number>().filterWhere('g.passed', '=', true).as('ok')])
    .where('g.project_id', '=', projectId)
    .where(poolIn('g.pool_id', pools))
    .groupBy(['g.annotator_id', 'u.name', 'p.key'])
    .execute();
  return rows.map((r) => ({ annotatorId: r.annotator_id, annotatorName: r.name, poolKey: r.key, answered: Number(r.n), passed: Number(r.ok) }));
}

export async function goldByWeek(db: Db, projectId: number, pools: PoolIds = null): Promise<{ week: string; poolKey: string | null; answered: number; passed: number }[]> {
  const rows = await sql<{ week: string; key: string | null; n: number; ok: number }>`
    SELECT to_char(date_trunc('week', g.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, p.key,
           count(*)::bigint AS n, count(*) FILTER (WHERE g.passed)::bigint AS ok
    FROM gold_results g LEFT JOIN pools p ON p.id = g.pool_id
    WHERE g.project_id = ${projectId} AND ${poolIn('g.pool_id', pools)}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows.rows.map((r) => ({ week: r.week, poolKey: r.key, answered: Number(r.n), passed: Number(r.ok) }));
}

/**
 * One annotator's gold results by project and week, of the answers given before `answeredBefore`
 * (no items: which tasks were gold stays unsaid; the cutoff keeps a count that moves from telling).
 */
export async function goldOfAnnotator(db: Db, annotatorId: number, answeredBefore: Date): Promise<{ projectId: number; week: string; answered: number; passed: number }[]> {
  const rows = await sql<{ project_id: number; week: string; n: number; ok: number }>`
    SELECT project_id, to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
           count(*)::bigint AS n, count(*) FILTER (WHERE passed)::bigint AS ok
    FROM gold_results WHERE annotator_id = ${annotatorId} AND created_at < ${answeredBefore}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows.rows.map((r) => ({ projectId: r.project_id, week: r.week, answered: Number(r.n), passed: Number(r.ok) }));
}
