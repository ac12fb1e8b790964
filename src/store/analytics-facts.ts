/**
 * The core's work facts of one project and window (core/cost/work-facts.ts), one row per
 * annotation, review, training session and accepted item, from the definitions in
 * analytics-work.ts. They load every row of the window: for small windows, audits of the figures
 * and tests; the reports of big projects aggregate in SQL instead (analytics-aggregates.ts).
 */
import { sql } from 'kysely';
import type { AnnotationFact, ItemFlowFact, PoolTerms, ReviewFact, TrainingFact } from '../core/cost/work-facts.ts';
import type { CostModel, Pool, PoolKind, PoolSla } from '../core/workforce.ts';
import type { Db } from './database.ts';
import { type EffortEstimates, inWindow, queuedCte, reviewWorkCte, trainingWorkCte, type WorkWindow, workCtes } from './analytics-work.ts';

/** The key of work done in no pool (in-house staff on unrouted work): nobody prices it. */
export const UNPOOLED_KEY = '(no pool)';

const poolKey = (column: string) => sql<string>`coalesce((SELECT p.key FROM pools p WHERE p.id = ${sql.raw(column)}), ${UNPOOLED_KEY})`;

export async function annotationFacts(db: Db, w: WorkWindow): Promise<AnnotationFact[]> {
  const { rows } = await sql<{ id: number; item_id: number; pool_key: string; annotator_id: number; at: Date; seconds: number; outcome: AnnotationFact['outcome']; gold_correct: boolean | null; agreed: boolean | null }>`
    WITH ${workCtes(w)}
    SELECT id, item_id, ${poolKey('pool_id')} AS pool_key, annotator_id, at, seconds, outcome, gold_correct, agreed
    FROM ann_roles WHERE ${inWindow(sql`at`, w)} ORDER BY id`.execute(db);
  return rows.map((r) => ({
    id: r.id, projectId: w.projectId, itemId: r.item_id, poolKey: r.pool_key, annotatorId: r.annotator_id, submittedAt: r.at,
    activeSeconds: r.seconds, outcome: r.outcome, goldCorrect: r.gold_correct, agreedWithConsensus: r.agreed,
  }));
}

export async function reviewFacts(db: Db, w: WorkWindow, effort: EffortEstimates): Promise<ReviewFact[]> {
  const { rows } = await sql<{ id: number; annotation_id: number; pool_key: string; reviewer_id: number; at: Date; decision: ReviewFact['decision'] }>`
    WITH ${workCtes(w)}, ${reviewWorkCte(w)}
    SELECT id, annotation_id, ${poolKey('pool_id')} AS pool_key, reviewer_id, at, decision FROM review_work ORDER BY id`.execute(db);
  return rows.map((r) => ({
    id: r.id, projectId: w.projectId, annotationId: r.annotation_id, poolKey: r.pool_key, reviewerId: r.reviewer_id, reviewedAt: r.at,
    activeSeconds: effort.reviewSeconds, decision: r.decision,
  }));
}

export async function trainingFacts(db: Db, w: WorkWindow, effort: EffortEstimates): Promise<TrainingFact[]> {
  const { rows } = await sql<{ user_id: number; at: Date; kind: TrainingFact['kind']; tasks: number; pool_key: string }>`
    WITH ${workCtes(w)}, ${trainingWorkCte(w)}
    SELECT user_id, at, kind, tasks, ${poolKey('pool_id')} AS pool_key FROM training_work ORDER BY at, user_id`.execute(db);
  return rows.map((r) => ({
    projectId: w.projectId, poolKey: r.pool_key, annotatorId: r.user_id, at: r.at, kind: r.kind, tasks: r.tasks,
    activeSeconds: r.kind === 'training' ? effort.guidelineReadingSeconds : effort.qualificationSecondsPerAttempt,
  }));
}

/** Items accepted in the window that carry a human label, with the pool and annotator of that label. */
export async function itemFlowFacts(db: Db, w: WorkWindow): Promise<ItemFlowFact[]> {
  const { rows } = await sql<{ item_id: number; queued_at: Date; accepted_at: Date; pool_key: string; annotator_id: number }>`
    WITH ${workCtes(w)}, ${queuedCte(w.projectId)}
    SELECT ia.item_id, q.queued_at, ia.accepted_at, ${poolKey('l.pool_id')} AS pool_key, l.annotator_id
    FROM item_accepted ia
    JOIN ann_roles l ON l.item_id = ia.item_id AND l.role = 'labelling'
    JOIN queued q ON q.item_id = ia.item_id
    WHERE ${inWindow(sql`ia.accepted_at`, w)}
    ORDER BY ia.item_id`.execute(db);
  return rows.map((r) => ({ projectId: w.projectId, itemId: r.item_id, queuedAt: r.queued_at, acceptedAt: r.accepted_at, poolKey: r.pool_key, annotatorId: r.annotator_id }));
}

export interface AnalyticsPool {
  pool: Pool;
  createdAt: Date;
  archivedAt: Date | null;
  /** The projects whose policies send work to the pool. */
  projectIds: number[];
}

/** Every pool, archived ones included (their past work still costs what it cost). */
export async function analyticsPools(db: Db): Promise<AnalyticsPool[]> {
  const { rows } = await sql<{ id: number; key: string; name: string; kind: PoolKind; vendor: string | null; cost_model: CostModel | null; sla: PoolSla | null; regions: string[]; clearance: Pool['clearance']; skills: string[]; languages: string[]; capacity_hours_per_week: number | null; time_zone: string | null; created_at: Date; archived_at: Date | null; project_ids: number[] | null }>`
    SELECT p.*, (SELECT array_agg(pp.project_id ORDER BY pp.project_id) FROM project_pools pp WHERE pp.pool_id = p.id) AS project_ids
    FROM pools p ORDER BY p.id`.execute(db);
  return rows.map((r) => ({
    pool: {
      id: r.id, key: r.key, name: r.name, kind: r.kind, vendor: r.vendor, costModel: r.cost_model ?? null, regions: r.regions, clearance: r.clearance,
      skills: r.skills, languages: r.languages, capacityHoursPerWeek: r.capacity_hours_per_week, timeZone: r.time_zone, sla: r.sla ?? {},
    },
    createdAt: r.created_at,
    archivedAt: r.archived_at,
    projectIds: (r.project_ids ?? []).map(Number),
  }));
}

/** The pools' terms as the core's ledger takes them, with the key of work done in no pool. */
export function poolTerms(pools: readonly AnalyticsPool[]): PoolTerms[] {
  return [...pools.map(({ pool }) => ({ key: pool.key, costModel: pool.costModel, sla: pool.sla })), { key: UNPOOLED_KEY, costModel: null }];
}

/** Display names of the people in a report. */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
