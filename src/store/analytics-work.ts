/**
 * What analytics counts as work, defined once in SQL so that the fact queries (one row per
 * annotation, for the core's functions) and the aggregate queries (grouped in the database, for big
 * projects) read the same truth:
 *
 * - work is human annotations (model predictions and imported labels cost nothing here), reviews,
 *   guideline reading and qualification attempts;
 * - an annotation's pool is its task's pool (else its own, for work with no task), except a
 *   reviewer's correction, which is the reviewer's work and belongs to the reviewer's pool; no
 *   pool (in-house staff on unrouted work):
 *   priced by nobody, reported as unpriced;
 * - a person's pool in a project (reviewers, trainees) is their membership in one of the project's
 *   pools, else any membership, the oldest pool first;
 * - an annotation is `rejected` once something supersedes it (rework after a rejection, a
 *   reviewer's correction, the annotator's own fix) or its latest review rejects it; `accepted`
 *   when its latest review accepts it, when it was scored against gold, or when its item is
 *   accepted; `pending` otherwise (an unscored gold answer is pending);
 * - an item is accepted when the workflow engine says so (`item_states`); for items it has not
 *   reached yet, when a review accepted or corrected one of its labels (at the first such review),
 *   or else when all its label tasks are done (at the last completion);
 * - `now` is the cut-off: reviews, supersessions and gold scores after it have not happened yet.
 */
import { type RawBuilder, sql } from 'kysely';

export interface WorkWindow {
  projectId: number;
  /** Work at or after this instant (null: since the project began). */
  from: Date | null;
  /** Work before this instant. */
  to: Date;
  now: Date;
}

/** Estimated active time of work Atelier does not time, in seconds. */
export interface EffortEstimates {
  reviewSeconds: number;
  guidelineReadingSeconds: number;
  qualificationSecondsPerAttempt: number;
}

const from = (w: WorkWindow) => sql`coalesce(${w.from?.toISOString() ?? null}::timestamptz, '-infinity'::timestamptz)`;
const to = (w: WorkWindow) => sql`${w.to.toISOString()}::timestamptz`;
export const nowOf = (w: WorkWindow) => sql`${w.now.toISOString()}::timestamptz`;

/** `column` falls in the window: [from, to) and not after now. */
export function inWindow(column: RawBuilder<unknown>, w: WorkWindow): RawBuilder<unknown> {
  return sql`(${column} >= ${from(w)} AND ${column} < ${to(w)} AND ${column} <= ${nowOf(w)})`;
}

export const utcDay = (column: RawBuilder<unknown>) => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
export const utcMonth = (column: RawBuilder<unknown>) => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')`;

/** The pool a person works for in a project (see the header). */
export function memberPool(userId: RawBuilder<unknown>, projectId: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(SELECT pm.pool_id FROM pool_members pm
      LEFT JOIN project_pools pp ON pp.pool_id = pm.pool_id AND pp.project_id = ${projectId}
      WHERE pm.user_id = ${userId}
      ORDER BY (pp.pool_id IS NULL), pm.pool_id LIMIT 1)`;
}

/**
 * The common table expressions every analytics query of one project starts from:
 * `item_accepted (item_id, accepted_at)` and `ann_roles`, one row per human annotation of the
 * project up to now with its pool, outcome, role in the cost ledger, review counts, gold score and
 * agreement with the consensus. Used as `WITH ${workCtes(w)}, ... SELECT ...`.
 *
 * Roles as the core's ledger gives them (core/cost/work-facts.ts): gold, rework (rejected),
 * pending, and among the accepted ones of an item the earliest is its label (`labelling`), the
 * others `overlap` — over the project's whole history, so that an item's label is counted once.
 * Agreement with consensus is compared for choice answers only (regions need geometry, not
 * equality): null where either side has regions.
 */
export function workCtes(w: WorkWindow): RawBuilder<unknown> {
  const p = w.projectId;
  const now = nowOf(w);
  return sql`
  person_pool AS (
    SELECT DISTINCT ON (pm.user_id) pm.user_id, pm.pool_id
    FROM pool_members pm LEFT JOIN project_pools pp ON pp.pool_id = pm.pool_id AND pp.project_id = ${p}
    ORDER BY pm.user_id, (pp.pool_id IS NULL), pm.pool_id
  ), review_state AS (
    SELECT r.annotation_id, count(*) AS reviews, bool_or(r.decision <> 'accept') AS revised,
           (array_agg(r.decision ORDER BY r.created_at DESC, r.id DESC))[1] AS last_decision
    FROM reviews r WHERE r.project_id = ${p} AND r.created_at <= ${now}
    GROUP BY r.annotation_id
  ), review_accept AS (
    SELECT r.item_id, min(r.created_at) AS at FROM reviews r
    WHERE r.project_id = ${p} AND r.decision <> 'reject' AND r.created_at <= ${now}
    GROUP BY r.item_id
  ), tasks_done AS (
    SELECT t.item_id, max(t.completed_at) AS at FROM tasks t
    WHERE t.project_id = ${p} AND t.stage = 'label' AND NOT t.gold AND t.status <> 'cancelled'
    GROUP BY t.item_id
    HAVING bool_and(t.status = 'done' AND t.completed_at <= ${now})
  ), item_accepted AS (
    SELECT st.item_id, coalesce(st.accepted_at, st.updated_at) AS accepted_at FROM item_states st
    WHERE st.project_id = ${p} AND st.stage = 'accepted' AND coalesce(st.accepted_at, st.updated_at) <= ${now}
    UNION ALL
    SELECT coalesce(ra.item_id, td.item_id), coalesce(ra.at, td.at)
    FROM review_accept ra FULL JOIN tasks_done td ON td.item_id = ra.item_id
    WHERE NOT EXISTS (SELECT 1 FROM item_states st WHERE st.project_id = ${p} AND st.item_id = coalesce(ra.item_id, td.item_id))
  ), ann_all AS (
    SELECT a.id, a.item_id, a.created_at AS at,
           coalesce(a.annotator_id, 0) AS annotator_id,
           (coalesce(a.time_spent_ms, 0) / 1000.0)::float8 AS seconds,
           CASE WHEN corr.id IS NOT NULL THEN cp.pool_id ELSE coalesce(t.pool_id, a.pool_id) END AS pool_id,
           CASE WHEN sup.id IS NOT NULL OR rv.last_decision = 'reject' THEN 'rejected'
                WHEN rv.last_decision IS NOT NULL OR gr.passed IS NOT NULL THEN 'accepted'
                WHEN t.gold THEN 'pending'
                WHEN ia.item_id IS NOT NULL THEN 'accepted'
                ELSE 'pending' END AS outcome,
           gr.passed AS gold_correct,
           coalesce(rv.reviews, 0) AS reviews, coalesce(rv.revised, false) AS revised,
           CASE WHEN st.stage = 'accepted' AND jsonb_typeof(st.consensus) = 'object'
                     AND coalesce(a.result -> 'regions', '[]'::jsonb) = '[]'::jsonb
                     AND coalesce(st.consensus -> 'regions', '[]'::jsonb) = '[]'::jsonb
                THEN coalesce(a.result -> 'choices', '{}'::jsonb) = coalesce(st.consensus -> 'choices', '{}'::jsonb) END AS agreed,
           st.agreement AS item_agreement
    FROM annotations a
    LEFT JOIN tasks t ON t.id = a.task_id
    LEFT JOIN reviews corr ON corr.corrected_annotation_id = a.id AND corr.project_id = ${p}
    LEFT JOIN person_pool cp ON cp.user_id = corr.reviewer_id
    LEFT JOIN annotations sup ON sup.supersedes_id = a.id AND sup.created_at <= ${now}
    LEFT JOIN gold_results gr ON gr.annotation_id = a.id AND gr.created_at <= ${now}
    LEFT JOIN item_states st ON st.project_id = a.project_id AND st.item_id = a.item_id
    LEFT JOIN item_accepted ia ON ia.item_id = a.item_id
    LEFT JOIN review_state rv ON rv.annotation_id = a.id
    WHERE a.project_id = ${p} AND a.source = 'human' AND a.created_at <= ${now}
  ), first_label AS (
    SELECT DISTINCT ON (item_id) id FROM ann_all
    WHERE outcome = 'accepted' AND gold_correct IS NULL
    ORDER BY item_id, at, id::text
  ), ann_roles AS (
    SELECT x.*,
           CASE WHEN x.gold_correct IS NOT NULL THEN 'gold'
                WHEN x.outcome = 'rejected' THEN 'rework'
                WHEN x.outcome = 'pending' THEN 'pending'
                WHEN f.id IS NOT NULL THEN 'labelling'
                ELSE 'overlap' END AS role,
           ${utcDay(sql`x.at`)} AS work_day,
           ${utcMonth(sql`x.at`)} AS month
    FROM ann_all x LEFT JOIN first_label f ON f.id = x.id
  )`;
}

/**
 * `item_id, queued_at`: when each item entered the queue — its first label task, or its first
 * annotation if that is earlier (history imported with its own dates), else the item's creation.
 *
 * Materialised, computed once: inlined, its two groupings sat on the inner side of a nested loop,
 * and ran again for every labelled item. The planner chose that loop because it takes a filter
 * on a CTE's column (`role = 'labelling'`) to keep 0.5 % of the rows; a report of a project of
 * 9,000 annotations, in a database with a million more, took 7.5 s instead of 2 s.
 */
export function queuedCte(projectId: number): RawBuilder<unknown> {
  return sql`
  queued AS MATERIALIZED (
    SELECT i.id AS item_id, coalesce(least(t.first, a.first), i.created_at) AS queued_at
    FROM items i
    LEFT JOIN (SELECT item_id, min(created_at) AS first FROM tasks WHERE project_id = ${projectId} AND stage = 'label' AND NOT gold GROUP BY item_id) t ON t.item_id = i.id
    LEFT JOIN (SELECT item_id, min(created_at) AS first FROM annotations WHERE project_id = ${projectId} GROUP BY item_id) a ON a.item_id = i.id
    WHERE i.project_id = ${projectId}
  )`;
}

/** Reviews of the project's human annotations in the window, with the reviewer's pool (after `workCtes`). */
export function reviewWorkCte(w: WorkWindow): RawBuilder<unknown> {
  return sql`
  review_work AS (
    SELECT r.id, r.annotation_id, r.reviewer_id, r.decision, r.created_at AS at,
           rp.pool_id, l.pool_id AS serves_pool, l.annotator_id AS serves_annotator
    FROM reviews r JOIN ann_roles l ON l.id = r.annotation_id LEFT JOIN person_pool rp ON rp.user_id = r.reviewer_id
    WHERE r.project_id = ${w.projectId} AND r.reviewer_id IS NOT NULL AND ${inWindow(sql`r.created_at`, w)}
  )`;
}

/**
 * Guideline reading (one per acknowledged version, no unit of output) and qualification attempts
 * (one unit per question answered) in the window, with the trainee's pool (after `workCtes`).
 */
export function trainingWorkCte(w: WorkWindow): RawBuilder<unknown> {
  return sql`
  training_work AS (
    SELECT g.user_id, g.created_at AS at, 'training' AS kind, 0 AS tasks, gp.pool_id
    FROM guideline_acknowledgements g LEFT JOIN person_pool gp ON gp.user_id = g.user_id
    WHERE g.project_id = ${w.projectId} AND ${inWindow(sql`g.created_at`, w)}
    UNION ALL
    SELECT q.user_id, q.created_at, 'qualification',
           CASE WHEN jsonb_typeof(q.answers) = 'array' THEN jsonb_array_length(q.answers) ELSE 0 END, qp.pool_id
    FROM qualification_attempts q LEFT JOIN person_pool qp ON qp.user_id = q.user_id
    WHERE q.project_id = ${w.projectId} AND ${inWindow(sql`q.created_at`, w)}
  )`;
}
