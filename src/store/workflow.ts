/**
 * What the workflow engine reads and writes: new annotations past its cursor, the state of an item's
 * label work and answers. (Item states: item-states.ts; gold results: gold-results.ts.)
 */
import { sql } from 'kysely';
import type { AnnotationResult } from '../core/label-schema.ts';
import type { QaPolicy } from '../core/quality/qa-policy.ts';
import type { PoolKind } from '../core/workforce.ts';
import type { Db } from './database.ts';

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

export async function qaPolicyRow(db: Db, projectId: number): Promise<Partial<QaPolicy> | null> {
  const row = await db.selectFrom('projects').select('qa_policy').where('id', '=', projectId).executeTakeFirst();
  return (row?.qa_policy as Partial<QaPolicy> | null) ?? null;
}

export async function saveQaPolicy(db: Db, projectId: number, policy: QaPolicy): Promise<void> {
  await db.updateTable('projects').set({ qa_policy: JSON.stringify(policy) }).where('id', '=', projectId).execute();
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

/** Gives each item a queued review task, unless it has one open: what a reviewer's claim takes. */
export async function openReviewTasks(tx: Db, projectId: number, itemIds: readonly number[]): Promise<void> {
  if (itemIds.length === 0) return;
  await sql`
    INSERT INTO tasks (project_id, item_id, stage, slot, priority)
    SELECT ${projectId}, i.id, 'review', 1, 0 FROM unnest(${[...itemIds]}::bigint[]) AS i(id)
    WHERE NOT EXISTS (
      SELECT 1 FROM tasks t WHERE t.project_id = ${projectId} AND t.item_id = i.id AND t.stage = 'review' AND t.status IN ('queued', 'leased'))`.execute(tx);
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
  // workflow settles (see itemStatesOf in item-states.ts).
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
