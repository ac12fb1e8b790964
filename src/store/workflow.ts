/**
 * What the workflow engine reads and writes: new annotations past its cursor, the state of an item's
 * label work and answers, item states, gold results.
 */
import { sql } from 'kysely';
import type { AnnotationResult } from '../core/label-schema.ts';
import type { QaPolicy } from '../core/quality/qa-policy.ts';
import type { PoolKind } from '../core/workforce.ts';
import type { Db } from './database.ts';
import type { ItemStateRow } from './schema.ts';
import { literalId } from './planned-per-value.ts';
import { type PoolIds, poolIn, workedOnInPools } from './pool-scope-sql.ts';
import { afterInQueue, waitsForReviewer } from './queue-sql.ts';

const WORKFLOW_LOCK = 7_242_013;
const CURSOR = 'workflow';

/** One engine at a time across servers; the others skip this round. */
export async function tryLockWorkflow(tx: Db): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${WORKFLOW_LOCK}) AS locked`.execute(tx);
  return result.rows[0]?.locked === true;
}

export async function readCursor(tx: Db): Promise<number> {
  const row = await tx.selectFrom('workflow_cursors').select('last_annotation_id').where('name', '=', CURSOR).executeTakeFirst();
  return row?.last_annotation_id ?? 0;
}

export async function writeCursor(tx: Db, lastAnnotationId: number): Promise<void> {
  await tx
    .insertInto('workflow_cursors')
    .values({ name: CURSOR, last_annotation_id: lastAnnotationId })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_annotation_id: lastAnnotationId, updated_at: sql`now()` }))
    .execute();
}

export interface NewWork {
  annotationId: number;
  projectId: number;
  itemId: number;
  taskId: number;
  stage: string;
  gold: boolean;
  annotatorId: number | null;
  poolId: number | null;
  result: AnnotationResult;
  createdAt: Date;
}

/**
 * Annotations made on tasks after the cursor, oldest first. Only rows older than `settleSeconds`:
 * ids are handed out before commit, so a younger row could still be overtaken by a smaller id.
 * "At least that old" (<=): with 0, a row made in the same clock tick as this transaction began
 * (PGlite's clock is coarse) is read now rather than left behind by a drain that thinks it is done.
 */
export async function newWork(tx: Db, afterId: number, limit: number, settleSeconds: number): Promise<NewWork[]> {
  const rows = await sql<{ id: number; project_id: number; item_id: number; task_id: number; stage: string; gold: boolean; annotator_id: number | null; pool_id: number | null; result: AnnotationResult; created_at: Date }>`
    SELECT a.id, a.project_id, a.item_id, a.task_id, t.stage, t.gold, a.annotator_id, t.pool_id, a.result, a.created_at
    FROM annotations a JOIN tasks t ON t.id = a.task_id
    WHERE a.id > ${afterId} AND a.created_at <= now() - make_interval(secs => ${settleSeconds}) AND a.source = 'human'
    ORDER BY a.id
    LIMIT ${limit}`.execute(tx);
  return rows.rows.map((r) => ({
    annotationId: r.id,
    projectId: r.project_id,
    itemId: r.item_id,
    taskId: r.task_id,
    stage: r.stage,
    gold: r.gold,
    annotatorId: r.annotator_id,
    poolId: r.pool_id,
    result: r.result,
    createdAt: r.created_at,
  }));
}

/** The highest annotation id that is old enough to be read (where the cursor may jump to). */
export async function settledHorizon(tx: Db, afterId: number, settleSeconds: number): Promise<number> {
  const result = await sql<{ id: number | null }>`
    SELECT max(id) AS id FROM annotations WHERE id > ${afterId} AND created_at <= now() - make_interval(secs => ${settleSeconds})`.execute(tx);
  return result.rows[0]?.id ?? afterId;
}

/** How many of an item's ordinary label tasks are still open. */
export async function openLabelTasks(tx: Db, projectId: number, itemId: number): Promise<number> {
  const row = await tx
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .where('stage', '=', 'label')
    .where('gold', '=', false)
    .where('status', 'in', ['queued', 'leased'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface LabelAnswer {
  annotationId: number;
  annotatorId: number | null;
  result: AnnotationResult;
  poolKey: string | null;
  poolKind: PoolKind | null;
  routedBy: string | null;
  createdAt: Date;
}

/** The item's current answers from its ordinary label tasks (corrections replace what they correct). */
export async function currentLabelAnswers(tx: Db, projectId: number, itemId: number): Promise<LabelAnswer[]> {
  const rows = await tx
    .selectFrom('annotations as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .leftJoin('pools as p', 'p.id', 't.pool_id')
    .select(['a.id', 'a.annotator_id', 'a.result', 'p.key', 'p.kind', 't.routed_by', 'a.created_at'])
    .where('a.project_id', '=', projectId)
    .where('a.item_id', '=', itemId)
    .where('a.source', '=', 'human')
    .where('t.stage', '=', 'label')
    .where('t.gold', '=', false)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('annotations as n').select('n.id').whereRef('n.supersedes_id', '=', 'a.id'))))
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    annotationId: r.id,
    annotatorId: r.annotator_id,
    result: r.result as AnnotationResult,
    poolKey: r.key,
    poolKind: r.kind as PoolKind | null,
    routedBy: r.routed_by,
    createdAt: r.created_at,
  }));
}

export interface ItemState {
  projectId: number;
  itemId: number;
  stage: 'review' | 'adjudication' | 'accepted';
  consensus: AnnotationResult | null;
  method: string | null;
  confidence: number | null;
  agreement: number | null;
  reason: string | null;
  acceptedAt: Date | null;
  updatedAt: Date;
}

export function toItemState(row: ItemStateRow): ItemState {
  return {
    projectId: row.project_id,
    itemId: row.item_id,
    stage: row.stage,
    consensus: row.consensus as AnnotationResult | null,
    method: row.method,
    confidence: row.confidence,
    agreement: row.agreement,
    reason: row.reason,
    acceptedAt: row.accepted_at,
    updatedAt: row.updated_at,
  };
}

export async function findItemState(db: Db, projectId: number, itemId: number): Promise<ItemState | null> {
  const row = await db.selectFrom('item_states').selectAll().where('project_id', '=', projectId).where('item_id', '=', itemId).executeTakeFirst();
  return row ? toItemState(row) : null;
}

export async function saveItemState(tx: Db, s: NewItemState): Promise<void> {
  const accepted = s.stage === 'accepted' ? (s.acceptedAt ?? sql`now()`) : null;
  await sql`
    INSERT INTO item_states (project_id, item_id, stage, consensus, method, confidence, agreement, reason, accepted_at, updated_at)
    VALUES (${s.projectId}, ${s.itemId}, ${s.stage}, ${s.consensus === null ? null : JSON.stringify(s.consensus)}::jsonb, ${s.method},
            ${s.confidence}, ${s.agreement}, ${s.reason}, ${accepted}, now())
    ON CONFLICT (project_id, item_id) DO UPDATE SET
      stage = EXCLUDED.stage, consensus = EXCLUDED.consensus, method = EXCLUDED.method, confidence = EXCLUDED.confidence,
      agreement = EXCLUDED.agreement, reason = EXCLUDED.reason, updated_at = now(),
      accepted_at = CASE WHEN EXCLUDED.stage = 'accepted' THEN coalesce(item_states.accepted_at, EXCLUDED.accepted_at) ELSE NULL END`.execute(tx);
}

export async function qaPolicyRow(db: Db, projectId: number): Promise<Partial<QaPolicy> | null> {
  const row = await db.selectFrom('projects').select('qa_policy').where('id', '=', projectId).executeTakeFirst();
  return (row?.qa_policy as Partial<QaPolicy> | null) ?? null;
}

export async function saveQaPolicy(db: Db, projectId: number, policy: QaPolicy): Promise<void> {
  await db.updateTable('projects').set({ qa_policy: JSON.stringify(policy) }).where('id', '=', projectId).execute();
}

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

/** Completes the open review tasks of an item (its review is done). */
export async function closeReviewTasks(tx: Db, projectId: number, itemId: number): Promise<void> {
  await tx
    .updateTable('tasks')
    .set({ status: 'done', completed_at: sql`now()`, lease_expires_at: null })
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .where('stage', '=', 'review')
    .where('status', 'in', ['queued', 'leased'])
    .execute();
}

export async function hasOpenStageTask(tx: Db, projectId: number, itemId: number, stage: 'review' | 'adjudicate'): Promise<boolean> {
  const row = await tx
    .selectFrom('tasks')
    .select('id')
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .where('stage', '=', stage)
    .where('status', 'in', ['queued', 'leased'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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

export interface StageCounts {
  review: number;
  /**
   * Of the items in review, those with work waiting for a reviewer; the others wait for rework.
   * Null unless asked for: it looks at each item in review (0.15 s for 3,333 of them on the
   * embedded database, `atelier bench --scenario queues`), too much for a count polled per project.
   */
  reviewWaiting: number | null;
  adjudication: number;
  accepted: number;
  meanAgreement: number | null;
}

/**
 * The project is written in: a small project took a large one's plan (planned-per-value.ts). With
 * `pools`, only the items those pools worked on are counted, and their agreement averaged: a
 * vendor's pool manager sees where their pool's items stand, not the rest of the project.
 */
export async function stageCounts(db: Db, projectId: number, options: { splitReview?: boolean; pools?: PoolIds } = {}): Promise<StageCounts> {
  const pools = options.pools ?? null;
  const { rows } = await sql<{ stage: 'review' | 'adjudication' | 'accepted'; n: number; measured: number; agreement: number | null }>`
    SELECT s.stage, count(*)::bigint AS n, count(s.agreement)::bigint AS measured, avg(s.agreement) AS agreement
    FROM item_states s WHERE s.project_id = ${literalId(projectId)} AND ${workedOnInPools('s', pools)}
    GROUP BY s.stage`.execute(db);
  const out: StageCounts = { review: 0, reviewWaiting: options.splitReview ? await reviewWaitingCount(db, projectId, pools) : null, adjudication: 0, accepted: 0, meanAgreement: null };
  let weighted = 0;
  let count = 0;
  for (const r of rows) {
    out[r.stage] = Number(r.n);
    // Items one annotator labelled have no agreement: they weigh nothing in the mean.
    if (r.agreement !== null) {
      weighted += Number(r.agreement) * Number(r.measured);
      count += Number(r.measured);
    }
  }
  out.meanAgreement = count > 0 ? weighted / count : null;
  return out;
}

/**
 * Of the items in review, those with work waiting for a reviewer. A query of its own, not a
 * FILTER on the counts above: there PostgreSQL costs the check for every item of the project,
 * compiles the query (JIT, 85 ms of 310 at 1,000,000 annotations) and checks item by item; here
 * it reads the items in review by index and joins (95 ms). Whose work waits is not scoped: an item
 * of the pools' whose other work waits for a reviewer does not wait for rework.
 */
async function reviewWaitingCount(db: Db, projectId: number, pools: PoolIds): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::bigint AS n FROM item_states s
    WHERE s.project_id = ${literalId(projectId)} AND s.stage = 'review' AND ${workedOnInPools('s', pools)} AND ${waitsForReviewer('s')}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The items in a stage, in the order they got there; `afterItemId` continues a walk. */
export async function itemsInStage(db: Db, projectId: number, stage: 'review' | 'adjudication', limit: number, afterItemId: number | null = null): Promise<ItemState[]> {
  const rows = await db
    .selectFrom('item_states as s')
    .selectAll()
    .where('s.project_id', '=', projectId)
    .where('s.stage', '=', stage)
    .where(afterInQueue('s', projectId, afterItemId))
    .orderBy('s.updated_at')
    .orderBy('s.item_id')
    .limit(limit)
    .execute();
  return rows.map(toItemState);
}

/** One annotator's gold results by project and week (no items: which tasks were gold stays unsaid). */
export async function goldOfAnnotator(db: Db, annotatorId: number): Promise<{ projectId: number; week: string; answered: number; passed: number }[]> {
  const rows = await sql<{ project_id: number; week: string; n: number; ok: number }>`
    SELECT project_id, to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
           count(*)::bigint AS n, count(*) FILTER (WHERE passed)::bigint AS ok
    FROM gold_results WHERE annotator_id = ${annotatorId}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows.rows.map((r) => ({ projectId: r.project_id, week: r.week, answered: Number(r.n), passed: Number(r.ok) }));
}

/** Of these items, those whose ordinary label tasks are all done (none queued or leased). */
export async function itemsWithLabelsIn(db: Db, projectId: number, itemIds: number[]): Promise<number[]> {
  if (itemIds.length === 0) return [];
  const rows = await sql<{ item_id: number }>`
    SELECT item_id FROM tasks
    WHERE project_id = ${projectId} AND item_id = ANY(${itemIds}::bigint[]) AND stage = 'label' AND gold = false
    GROUP BY item_id
    HAVING count(*) FILTER (WHERE status IN ('queued', 'leased')) = 0`.execute(db);
  return rows.rows.map((r) => r.item_id);
}

/** The current answers of several items at once (see currentLabelAnswers). */
export async function currentLabelAnswersOf(db: Db, projectId: number, itemIds: number[]): Promise<Map<number, LabelAnswer[]>> {
  const out = new Map<number, LabelAnswer[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return out;
  // One probe of the (project, item) index per item, whatever the statistics say: with none yet
  // for a project's annotations the planner read all of them through the creation-time index and
  // filtered them by item, 15-95 ms at 15,000 annotations, once for every batch of 100 items the
  // workflow settles (see itemStatesOf).
  const rows = (
    await sql<{ id: number; item_id: number; annotator_id: number | null; result: unknown; key: string | null; kind: string | null; routed_by: string | null; created_at: Date }>`
      SELECT x.* FROM unnest(${itemIds}::bigint[]) AS wanted(item_id)
      CROSS JOIN LATERAL (
        SELECT a.id, a.item_id, a.annotator_id, a.result, p.key, p.kind, t.routed_by, a.created_at
        FROM annotations a
        JOIN tasks t ON t.id = a.task_id
        LEFT JOIN pools p ON p.id = t.pool_id
        WHERE a.project_id = ${projectId} AND a.item_id = wanted.item_id AND a.source = 'human'
          AND t.stage = 'label' AND NOT t.gold
          AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = a.id)
        OFFSET 0
      ) AS x
      ORDER BY x.id`.execute(db)
  ).rows;
  for (const r of rows) {
    out.get(r.item_id)!.push({ annotationId: r.id, annotatorId: r.annotator_id, result: r.result as AnnotationResult, poolKey: r.key, poolKind: r.kind as PoolKind | null, routedBy: r.routed_by, createdAt: r.created_at });
  }
  return out;
}

export async function itemStatesOf(db: Db, projectId: number, itemIds: number[]): Promise<Map<number, ItemState>> {
  if (itemIds.length === 0) return new Map();
  // One primary-key probe per item, whatever the statistics say. Before item_states is first
  // analysed (it fills as a new project is worked on) the planner took an IN list for a handful of
  // rows and read every state of the project through the stage index instead: 9 ms against 0.1 ms
  // at 25,000 states on PGlite, and the workflow asks this for every batch of 100 items.
  const rows = (
    await sql<ItemStateRow>`
      SELECT s.* FROM unnest(${itemIds}::bigint[]) AS wanted(item_id)
      CROSS JOIN LATERAL (
        SELECT * FROM item_states
        WHERE project_id = ${projectId} AND item_id = wanted.item_id
        OFFSET 0
      ) AS s`.execute(db)
  ).rows;
  return new Map(
    rows.map((row) => [row.item_id, toItemState(row)]),
  );
}

export interface NewItemState {
  projectId: number;
  itemId: number;
  stage: ItemState['stage'];
  consensus: AnnotationResult | null;
  method: string;
  confidence: number | null;
  agreement: number | null;
  reason: string;
  /**
   * When the work that accepted the item was done (the last answer, the review, the expert's
   * word); the time of saving when not given. Not the time of saving by default, because work
   * imported from elsewhere, or settled after a backlog, was accepted when it was done: the
   * velocity and the turnaround count weeks by it.
   */
  acceptedAt?: Date | null;
}

/** Saves the states of many items in one statement (the workflow engine settles items in batches). */
export async function saveItemStates(tx: Db, states: readonly NewItemState[]): Promise<void> {
  if (states.length === 0) return;
  const col = <T>(f: (s: NewItemState) => T): T[] => states.map(f);
  await sql`
    INSERT INTO item_states (project_id, item_id, stage, consensus, method, confidence, agreement, reason, accepted_at, updated_at)
    SELECT u.project_id, u.item_id, u.stage, u.consensus, u.method, u.confidence, u.agreement, u.reason,
           CASE WHEN u.stage = 'accepted' THEN coalesce(u.accepted_at, now()) END, now()
    FROM unnest(${col((s) => s.projectId)}::bigint[], ${col((s) => s.itemId)}::bigint[], ${col((s) => s.stage)}::text[],
                ${col((s) => (s.consensus === null ? null : JSON.stringify(s.consensus)))}::jsonb[], ${col((s) => s.method)}::text[],
                ${col((s) => s.confidence)}::float8[], ${col((s) => s.agreement)}::float8[], ${col((s) => s.reason)}::text[],
                ${col((s) => s.acceptedAt?.toISOString() ?? null)}::timestamptz[])
      AS u(project_id, item_id, stage, consensus, method, confidence, agreement, reason, accepted_at)
    ON CONFLICT (project_id, item_id) DO UPDATE SET
      stage = EXCLUDED.stage, consensus = EXCLUDED.consensus, method = EXCLUDED.method, confidence = EXCLUDED.confidence,
      agreement = EXCLUDED.agreement, reason = EXCLUDED.reason, updated_at = now(),
      accepted_at = CASE WHEN EXCLUDED.stage = 'accepted' THEN coalesce(item_states.accepted_at, EXCLUDED.accepted_at) ELSE NULL END`.execute(tx);
}
