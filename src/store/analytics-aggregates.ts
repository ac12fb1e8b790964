/**
 * The analytics of one project grouped in the database, so that memory stays flat whatever the
 * project's size: one row per group (GROUPING SETS over pool × annotator × day), never one per
 * annotation. Work is defined in analytics-work.ts, the same as the fact queries.
 */
import { type RawBuilder, sql } from 'kysely';
import type { CostCategory } from '../core/cost/ledger.ts';
import type { Db } from './database.ts';
import {
  type EffortEstimates, inWindow, memberPool, nowOf, queuedCte, reviewWorkCte, trainingWorkCte, utcDay, utcMonth, type WorkWindow, workCtes,
} from './analytics-work.ts';

export type Dimension = 'pool' | 'annotator' | 'day';
const DIMENSIONS: readonly Dimension[] = ['pool', 'annotator', 'day'];
const COLUMN: Record<Dimension, string> = { pool: 'pool_id', annotator: 'annotator_id', day: 'work_day' };
const NULL_COLUMN: Record<Dimension, string> = { pool: 'NULL::bigint', annotator: 'NULL::bigint', day: 'NULL::text' };

/** The groups of one set: its dimensions' values (null where the set does not split by it). */
export interface GroupKeyIds {
  /** Index of the set in the sets asked for. */
  set: number;
  poolId: number | null;
  annotatorId: number | null;
  day: string | null;
}

/**
 * The SQL of several groupings in one pass: the select list (`g`, which set a row belongs to, and
 * the three dimension columns, null where no set splits by one) and the GROUPING SETS clause, each
 * set followed by the `extra` columns.
 */
function grouping(sets: readonly (readonly Dimension[])[], extra: readonly string[] = []) {
  const present = DIMENSIONS.filter((d) => sets.some((set) => set.includes(d)));
  // GROUPING(a, b, c) has a bit for each argument the row's set does not group by, a the highest.
  const bitsOf = (set: readonly Dimension[]) => present.reduce((bits, d, i) => (set.includes(d) ? bits : bits | (1 << (present.length - 1 - i))), 0);
  const seen = new Set<string>();
  for (const set of sets) {
    const id = DIMENSIONS.filter((d) => set.includes(d)).join(',');
    if (seen.has(id)) throw new Error(`grouping set (${id}) asked twice`);
    seen.add(id);
  }
  const g = present.length === 0 ? '0' : `GROUPING(${present.map((d) => COLUMN[d]).join(', ')})`;
  const columns = DIMENSIONS.map((d) => (present.includes(d) ? COLUMN[d] : `${NULL_COLUMN[d]} AS ${COLUMN[d]}`)).join(', ');
  const list = sets.map((set) => `(${[...DIMENSIONS.filter((d) => set.includes(d)).map((d) => COLUMN[d]), ...extra].join(', ')})`);
  return {
    select: sql.raw(`${g} AS g, ${columns}`),
    /** The dimension columns that some set groups by (e.g. `pool_id, work_day`), then the `extra` ones. */
    keys: sql.raw([...present.map((d) => COLUMN[d]), ...extra].join(', ')),
    groupBy: sql.raw(`GROUPING SETS (${list.join(', ')})`),
    keyOf(row: { g: number; pool_id: number | null; annotator_id: number | null; work_day: string | null }): GroupKeyIds {
      return { set: sets.findIndex((set) => bitsOf(set) === row.g), poolId: row.pool_id, annotatorId: row.annotator_id, day: row.work_day };
    },
  };
}

/**
 * Runs a big grouping statement with room to sort and hash in memory (PostgreSQL's default 4 MB
 * spills a project of a million labels to disk several times over), for its transaction only: the
 * caller's, or one of its own. Without JIT: compiling the statement's ~300 expressions took 2.4 s
 * of its 8.7 s on 300,000 annotations, more than it saved (7.5 s without; `atelier bench --scenario
 * analytics`). PGlite has no JIT; the setting is accepted and does nothing there. Planned for the
 * project at hand every time: planning takes milliseconds of a statement that runs for seconds,
 * and a plan kept for any project fits a small one badly (planned-per-value.ts).
 */
export const ANALYTICS_WORK_MEM = '64MB';
async function withAnalyticsSettings<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const run = async (tx: Db) => {
    await sql`SELECT set_config('work_mem', ${ANALYTICS_WORK_MEM}, true), set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)`.execute(tx);
    return fn(tx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Only the pools of `scope` (a pool manager's view); null: every pool. */
const inScope = (column: RawBuilder<unknown>, scope: readonly number[] | null) =>
  scope === null ? sql`true` : sql`${column} = ANY(${[...scope]}::bigint[])`;

export interface LabelAggregate extends GroupKeyIds {
  labels: number;
  goldLabels: number;
  goldCorrect: number;
  /** Distinct items labelled (gold answers aside). */
  items: number;
  seconds: number;
  activeDays: number;
  /** Labels that became their item's accepted label. */
  accepted: number;
  reviewed: number;
  revised: number;
  agreementTrials: number;
  agreed: number;
  /** Labels on items with an agreement figure, and the sum of those figures. */
  itemAgreementLabels: number;
  itemAgreementSum: number;
}

export interface TurnaroundAggregate extends GroupKeyIds {
  /** Items accepted in the group (the pool and annotator of their label, the day of acceptance). */
  count: number;
  p50: number;
  p90: number;
  /** Items within the turnaround target of the label's pool (meaningful when grouped by pool). */
  withinTarget: number;
}

/** Work of one kind charged to one pool in one month, for the group of the labels it serves. */
export interface CostLot extends GroupKeyIds {
  /** The pool whose cost model pays for the work (null: no pool). */
  chargePoolId: number | null;
  month: string;
  category: Exclude<CostCategory, 'idle'>;
  units: number;
  seconds: number;
}

export interface ProjectAggregates {
  labels: LabelAggregate[];
  turnaround: TurnaroundAggregate[];
  lots: CostLot[];
}

type Row = { g: number; pool_id: number | null; annotator_id: number | null; work_day: string | null } & Record<string, number>;

/** The statement of `projectAggregates` (exported to read its plan on big projects). */
export function aggregatesQuery(w: WorkWindow, sets: readonly (readonly Dimension[])[], scope: readonly number[] | null, effort: EffortEstimates) {
  const by = grouping(sets);
  const byLot = grouping(sets, ['charge_pool', 'month', 'category']);
  return sql<{ part: 'labels' | 'turnaround' | 'lots'; row: Row }>`
    WITH ${workCtes(w)}, ${queuedCte(w.projectId)}, ${reviewWorkCte(w)}, ${trainingWorkCte(w)},
    ann AS (SELECT * FROM ann_roles WHERE ${inWindow(sql`at`, w)} AND ${inScope(sql`pool_id`, scope)}),
    flows AS (
      SELECT l.pool_id, l.annotator_id, ${utcDay(sql`ia.accepted_at`)} AS work_day,
             (extract(epoch FROM ia.accepted_at - q.queued_at) / 3600)::float8 AS hours,
             (SELECT (p.sla ->> 'turnaroundHours')::float8 FROM pools p WHERE p.id = l.pool_id) AS target
      FROM item_accepted ia
      JOIN ann_roles l ON l.item_id = ia.item_id AND l.role = 'labelling'
      JOIN queued q ON q.item_id = ia.item_id
      WHERE ${inWindow(sql`ia.accepted_at`, w)} AND ${inScope(sql`l.pool_id`, scope)}
    ), work AS (
      SELECT pool_id, annotator_id, work_day, month, pool_id AS charge_pool, role AS category, 1 AS units, seconds
      FROM ann_roles WHERE ${inWindow(sql`at`, w)}
      UNION ALL
      SELECT serves_pool, serves_annotator, ${utcDay(sql`at`)}, ${utcMonth(sql`at`)}, pool_id, 'review', 1, ${effort.reviewSeconds}::float8
      FROM review_work
      UNION ALL
      SELECT pool_id, user_id, ${utcDay(sql`at`)}, ${utcMonth(sql`at`)}, pool_id, 'training', tasks,
             CASE kind WHEN 'training' THEN ${effort.guidelineReadingSeconds}::float8 ELSE ${effort.qualificationSecondsPerAttempt}::float8 END
      FROM training_work
    ), label_groups AS (
      SELECT ${by.select},
             count(*) AS labels,
             count(*) FILTER (WHERE gold_correct IS NOT NULL) AS gold_labels,
             count(*) FILTER (WHERE gold_correct) AS gold_correct,
             count(DISTINCT item_id) FILTER (WHERE gold_correct IS NULL) AS items,
             coalesce(sum(seconds), 0)::float8 AS seconds,
             count(DISTINCT work_day) AS active_days,
             count(*) FILTER (WHERE role = 'labelling') AS accepted,
             count(*) FILTER (WHERE reviews > 0) AS reviewed,
             count(*) FILTER (WHERE reviews > 0 AND revised) AS revised,
             count(*) FILTER (WHERE agreed IS NOT NULL) AS agreement_trials,
             count(*) FILTER (WHERE agreed) AS agreed,
             count(item_agreement) AS item_agreement_labels,
             coalesce(sum(item_agreement), 0)::float8 AS item_agreement_sum
      FROM ann GROUP BY ${by.groupBy}
    ), turnaround_groups AS (
      SELECT ${by.select}, count(*) AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90,
             count(*) FILTER (WHERE hours <= target) AS within
      FROM flows GROUP BY ${by.groupBy}
    ), lots AS (
      -- Grouped at the finest grain first (a few thousand rows), then into the sets: sorting the
      -- million rows of work by the sets' five-column keys took 2.3 s of the statement's 14 s
      -- at 1,000,000 annotations.
      SELECT ${byLot.keys}, sum(units) AS units, sum(seconds) AS seconds
      FROM work WHERE ${inScope(sql`pool_id`, scope)} AND ${inScope(sql`charge_pool`, scope)}
      GROUP BY ${byLot.keys}
    ), lot_groups AS (
      SELECT ${byLot.select}, charge_pool, month, category, sum(units) AS units, coalesce(sum(seconds), 0)::float8 AS seconds
      FROM lots GROUP BY ${byLot.groupBy}
    )
    SELECT 'labels' AS part, to_jsonb(x) AS row FROM label_groups x
    UNION ALL SELECT 'turnaround', to_jsonb(x) FROM turnaround_groups x
    UNION ALL SELECT 'lots', to_jsonb(x) FROM lot_groups x`;
}

/**
 * Every group of the sets asked for, in one statement over one pass of the project's work:
 * - labels: counts, active time, accepted labels, reviews, gold and agreement;
 * - turnaround (queued → accepted, hours) of the items accepted in the window, by the pool and
 *   annotator of their label and the day of acceptance; PostgreSQL's `percentile_cont`
 *   interpolates between the closest ranks, the quantile (type 7) of the core;
 * - cost lots: the work behind the ledger, annotations by role, reviews (charged to the reviewer's
 *   pool, grouped with the labels they review), guideline reading and qualification (the
 *   trainee's). With a scope, only work both done for and charged to those pools.
 */
export async function projectAggregates(db: Db, w: WorkWindow, sets: readonly (readonly Dimension[])[], scope: readonly number[] | null, effort: EffortEstimates): Promise<ProjectAggregates> {
  const by = grouping(sets);
  const byLot = grouping(sets, ['charge_pool', 'month', 'category']);
  const { rows } = await withAnalyticsSettings(db, (tx) => aggregatesQuery(w, sets, scope, effort).execute(tx));
  const out: ProjectAggregates = { labels: [], turnaround: [], lots: [] };
  for (const { part, row: r } of rows) {
    if (part === 'labels') {
      out.labels.push({
        ...by.keyOf(r),
        labels: r.labels!, goldLabels: r.gold_labels!, goldCorrect: r.gold_correct!, items: r.items!, seconds: r.seconds!, activeDays: r.active_days!,
        accepted: r.accepted!, reviewed: r.reviewed!, revised: r.revised!, agreementTrials: r.agreement_trials!, agreed: r.agreed!,
        itemAgreementLabels: r.item_agreement_labels!, itemAgreementSum: r.item_agreement_sum!,
      });
    } else if (part === 'turnaround') {
      out.turnaround.push({ ...by.keyOf(r), count: r.n!, p50: r.p50!, p90: r.p90!, withinTarget: r.within! });
    } else {
      const lot = r as unknown as { charge_pool: number | null; month: string; category: CostLot['category']; units: number; seconds: number };
      out.lots.push({ ...byLot.keyOf(r), chargePoolId: lot.charge_pool, month: lot.month, category: lot.category, units: lot.units, seconds: lot.seconds });
    }
  }
  return out;
}

/**
 * Units of output (annotations, reviews, qualification answers) of each fixed-cost pool per UTC
 * month, across every project: a fixed month is spread over all the pool's output of the month.
 */
export async function poolMonthUnits(db: Db, poolIds: readonly number[], months: readonly string[], now: Date): Promise<Map<string, number>> {
  const units = new Map<string, number>();
  if (poolIds.length === 0 || months.length === 0) return units;
  const sorted = [...months].sort();
  const start = new Date(`${sorted[0]}-01T00:00:00Z`);
  const last = new Date(`${sorted.at(-1)}-01T00:00:00Z`);
  const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1));
  const w = { projectId: 0, from: start, to: end, now };
  const pools = sql`ANY(${[...poolIds]}::bigint[])`;
  const members = sql`ANY(ARRAY(SELECT user_id FROM pool_members WHERE pool_id = ${pools}))`;
  // Each branch keeps to the pools' own work before it works out whose work it is: asked of every
  // annotation and review of the database, that took 1.4–1.9 s of a small project's report, at
  // 1,000,000 annotations (0.16–0.21 s now). A person's pool (memberPool) is one of their
  // memberships, so only the members of these pools can count; an array, so that this cheap test
  // comes before the costly one.
  const { rows } = await withAnalyticsSettings(db, (tx) => sql<{ pool_id: number; month: string; units: number }>`
    SELECT pool_id, month, sum(units) AS units FROM (
      SELECT t.pool_id, ${utcMonth(sql`a.created_at`)} AS month, 1 AS units
      FROM annotations a JOIN tasks t ON t.id = a.task_id
      WHERE t.pool_id = ${pools} AND a.source = 'human' AND ${inWindow(sql`a.created_at`, w)}
        AND NOT EXISTS (SELECT 1 FROM reviews corr WHERE corr.corrected_annotation_id = a.id)
      UNION ALL
      SELECT ${memberPool(sql`corr.reviewer_id`, sql`a.project_id`)}, ${utcMonth(sql`a.created_at`)}, 1
      FROM reviews corr JOIN annotations a ON a.id = corr.corrected_annotation_id
      WHERE corr.reviewer_id = ${members} AND a.source = 'human' AND ${inWindow(sql`a.created_at`, w)}
      UNION ALL
      SELECT ${memberPool(sql`r.reviewer_id`, sql`r.project_id`)}, ${utcMonth(sql`r.created_at`)}, 1
      FROM reviews r JOIN annotations ra ON ra.id = r.annotation_id AND ra.source = 'human'
      WHERE r.reviewer_id = ${members} AND ${inWindow(sql`r.created_at`, w)}
      UNION ALL
      SELECT ${memberPool(sql`q.user_id`, sql`q.project_id`)}, ${utcMonth(sql`q.created_at`)},
             CASE WHEN jsonb_typeof(q.answers) = 'array' THEN jsonb_array_length(q.answers) ELSE 0 END
      FROM qualification_attempts q WHERE q.user_id = ${members} AND ${inWindow(sql`q.created_at`, w)}
    ) u
    WHERE pool_id = ${pools}
    GROUP BY pool_id, month`.execute(tx));
  for (const r of rows) units.set(`${r.pool_id}|${r.month}`, r.units);
  return units;
}

export interface WeeklyCounts {
  /** Monday of the ISO week (UTC), `YYYY-MM-DD`. */
  weekStart: string;
  /** Items accepted that week. */
  accepted: number;
  /** Human labels submitted that week. */
  labels: number;
}

export interface VelocityCounts {
  weeks: WeeklyCounts[];
  /**
   * What is left to do: the project's items not accepted yet (known-answer items aside); for a
   * scope, the label tasks waiting in or held by those pools.
   */
  remaining: number;
}

/**
 * Items accepted and labels made per ISO week from `from` to now, and what is left. Items with a
 * known answer (gold, qualification) are not part of the volume. With a scope, only the items whose
 * label was made in those pools, and those pools' labels. Without one, the weeks and the remaining
 * items come from one statement, because both need the accepted items and building those is most
 * of the work (on PGlite, one connection would otherwise build them twice in a row).
 */
export async function velocityCounts(db: Db, w: WorkWindow, scope: readonly number[] | null): Promise<VelocityCounts> {
  const week = (column: RawBuilder<unknown>) => sql<string>`to_char(date_trunc('week', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
  const scoped = scope === null
    ? sql`true`
    : sql`EXISTS (SELECT 1 FROM ann_roles l WHERE l.item_id = ia.item_id AND l.role = 'labelling' AND ${inScope(sql`l.pool_id`, scope)})`;
  // The remaining count rides along as a row without a week.
  const remainingRow = scope === null
    ? sql`UNION ALL
      SELECT NULL, count(*), NULL FROM items i
      WHERE i.project_id = ${w.projectId} AND i.created_at <= ${nowOf(w)}
        AND NOT EXISTS (SELECT 1 FROM known_answers k WHERE k.project_id = i.project_id AND k.item_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM item_accepted ia WHERE ia.item_id = i.id)`
    : sql``;
  const counted = withAnalyticsSettings(db, (tx) => sql<{ week: string | null; accepted: number | null; labels: number | null }>`
    WITH ${workCtes(w)}, accepted AS (
      SELECT ${week(sql`ia.accepted_at`)} AS week, count(*) AS n FROM item_accepted ia
      WHERE ${inWindow(sql`ia.accepted_at`, w)} AND ${scoped}
        AND NOT EXISTS (SELECT 1 FROM known_answers k WHERE k.project_id = ${w.projectId} AND k.item_id = ia.item_id)
      GROUP BY 1
    ), labels AS (
      SELECT ${week(sql`a.created_at`)} AS week, count(*) AS n
      FROM annotations a
      LEFT JOIN tasks t ON t.id = a.task_id
      LEFT JOIN reviews corr ON corr.corrected_annotation_id = a.id AND corr.project_id = ${w.projectId}
      LEFT JOIN person_pool cp ON cp.user_id = corr.reviewer_id
      WHERE a.project_id = ${w.projectId} AND a.source = 'human' AND ${inWindow(sql`a.created_at`, w)}
        AND ${inScope(sql`CASE WHEN corr.id IS NOT NULL THEN cp.pool_id ELSE coalesce(t.pool_id, a.pool_id) END`, scope)}
      GROUP BY 1
    )
    SELECT coalesce(a.week, l.week) AS week, a.n AS accepted, l.n AS labels
    FROM accepted a FULL JOIN labels l ON l.week = a.week
    ${remainingRow}`.execute(tx));
  const [{ rows }, waiting] = await Promise.all([counted, scope === null ? null : waitingLabelTasks(db, w, scope)]);
  const weeks = rows
    .filter((r): r is typeof r & { week: string } => r.week !== null)
    .map((r) => ({ weekStart: r.week, accepted: r.accepted ?? 0, labels: r.labels ?? 0 }))
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  return { weeks, remaining: waiting ?? rows.find((r) => r.week === null)?.accepted ?? 0 };
}

async function waitingLabelTasks(db: Db, w: WorkWindow, scope: readonly number[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM tasks t
    WHERE t.project_id = ${w.projectId} AND t.stage = 'label' AND NOT t.gold AND t.status IN ('queued', 'leased') AND ${inScope(sql`t.pool_id`, scope)}`.execute(db);
  return rows[0]?.n ?? 0;
}
