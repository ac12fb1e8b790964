/**
 * The answers the quality screens measure: the latest current label-stage answers of a project,
 * newest first and at most `limit`, so that the screens look at recent work and stay bounded
 * however large the project grows. Gold tasks and superseded work are left out.
 *
 * The window is the latest answers, whatever they answered; each control's are picked out of it
 * in JavaScript. A condition on the answer's content (`result -> 'choices' ? control`) gets
 * PostgreSQL's default estimate of 0.1 %, and once the table is analysed the planner then scans
 * and sorts every answer of the project instead of walking back from the newest: 2 s instead of
 * 0.15 s at 1,000,000 answers. The project, the pools and the window's size are written into the
 * statement, so that a small project does not get a large one's plan (planned-per-value.ts).
 *
 * What counts as an annotator's answer: their latest version of it (their own corrections replace
 * it), and not a reviewer's correction of it. A correction is the reviewer's judgement of someone's
 * answer, not an independent answer: counted as its author's, it put reviewers among the
 * annotators and took the corrected answer out of its annotator's figures. (The item's label is
 * still the correction: the workflow reads that, store/workflow.ts.) Imported labels are answers
 * too (a project labelled elsewhere has no others), in the pool the import credited them to; one
 * whose annotator is not known here has an empty `annotatorId` (the caller decides what it counts for).
 */
import { sql } from 'kysely';
import type { Region } from '../core/label-schema.ts';
import type { Db } from './database.ts';
import { literalCount, literalId } from './planned-per-value.ts';
import { doneInPools, type PoolIds, poolIn } from './pool-scope-sql.ts';

interface AnswerRow {
  itemId: number;
  annotatorId: number | null;
  annotatorName: string | null;
  poolKey: string | null;
}

export interface ChoiceAnswerRow extends AnswerRow {
  /** The labels chosen, by choice control; a control the answer does not mention is absent. */
  choices: Record<string, string[]>;
}

export interface RegionAnswerRow extends AnswerRow {
  /** The regions drawn, of every control; none when the annotator marked nothing. */
  regions: Region[];
}

type Row = { item_id: number; annotator_id: number | null; name: string | null; key: string | null };
const answerOf = (r: Row): AnswerRow => ({ itemId: r.item_id, annotatorId: r.annotator_id, annotatorName: r.name, poolKey: r.key });

/** Its latest version of an annotation (not replaced by its own author) that is no correction of someone else's. */
const ownLatest = sql`
      AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = a.id AND n.annotator_id IS NOT DISTINCT FROM a.annotator_id)
      AND (a.supersedes_id IS NULL OR EXISTS (SELECT 1 FROM annotations o WHERE o.id = a.supersedes_id AND o.annotator_id IS NOT DISTINCT FROM a.annotator_id))`;

/**
 * The latest `limit` current label answers of a project (of `pools`), newest first, with `field` of
 * their result as `value`: human answers to ordinary label tasks, and imported labels (no task;
 * their pool is their own). Two walks merged, each on its own index, so that neither the task join
 * nor the imports' rarity spoils the other's plan (one statement with an OR between them took the
 * pool reader's window from 0.47 s to 1.1–1.5 s at 300,000 answers on PostgreSQL).
 */
const latestLabelAnswers = (projectId: number, pools: PoolIds, field: 'choices' | 'regions', limit: number) => sql`
    SELECT item_id, annotator_id, name, key, value FROM (
      (SELECT a.id, a.item_id, a.annotator_id, u.name, p.key, a.result -> ${sql.lit(field)} AS value
        FROM annotations a
        JOIN tasks t ON t.id = a.task_id
        JOIN users u ON u.id = a.annotator_id
        LEFT JOIN pools p ON p.id = t.pool_id
        WHERE a.project_id = ${literalId(projectId)} AND a.source = 'human' AND t.stage = 'label' AND t.gold = false
          AND ${poolIn('t.pool_id', pools)} ${ownLatest}
        ORDER BY a.id DESC LIMIT ${literalCount(limit)})
      UNION ALL
      (SELECT a.id, a.item_id, a.annotator_id, u.name, p.key, a.result -> ${sql.lit(field)} AS value
        FROM annotations a
        LEFT JOIN users u ON u.id = a.annotator_id
        LEFT JOIN pools p ON p.id = a.pool_id
        WHERE a.project_id = ${literalId(projectId)} AND a.task_id IS NULL AND a.source = 'import'
          AND ${poolIn('a.pool_id', pools)} ${ownLatest}
        ORDER BY a.id DESC LIMIT ${literalCount(limit)})
    ) latest
    ORDER BY id DESC
    LIMIT ${literalCount(limit)}`;

export async function recentChoiceAnswers(db: Db, projectId: number, limit: number, pools: PoolIds = null): Promise<ChoiceAnswerRow[]> {
  const rows = await latestLabelAnswers(projectId, pools, 'choices', limit).$castTo<Row & { value: Record<string, string[]> | null }>().execute(db);
  return rows.rows.map((r) => ({ ...answerOf(r), choices: r.value ?? {} }));
}

/**
 * The regions of the latest label answers, every control's (the caller picks a control's out): one
 * read however many region controls the schema has. Every answer counts for a region control, with
 * or without regions of it: drawing nothing says there is nothing to mark, and agreeing on that is
 * agreement.
 */
export async function recentRegionAnswers(db: Db, projectId: number, limit: number, pools: PoolIds = null): Promise<RegionAnswerRow[]> {
  const rows = await latestLabelAnswers(projectId, pools, 'regions', limit).$castTo<Row & { value: Region[] | null }>().execute(db);
  return rows.rows.map((r) => ({ ...answerOf(r), regions: r.value ?? [] }));
}

/** What settled an item's label: its known answer's choices and its accepted consensus's, either absent. */
export interface SettledChoices {
  known: Record<string, string[]> | null;
  accepted: Record<string, string[]> | null;
}

/**
 * The settled labels of these items, by item, for the confusion counts: the known answer (an
 * expert's adjudication, a manager's) and the consensus of an item the workflow accepted. Items
 * still in review or with the experts have no accepted consensus yet: it may still change.
 *
 * With `pools` (a vendor's own reviewer or team lead), only items whose every answer was done in
 * those pools: a settled label is drawn from every answer, and beside their own pool's answer it
 * would say what another pool answered (services/quality/item-state-for-reader.ts keeps the
 * consensus of such items from them too).
 */
export async function settledChoices(db: Db, projectId: number, itemIds: readonly number[], pools: PoolIds = null): Promise<Map<number, SettledChoices>> {
  if (itemIds.length === 0) return new Map();
  const onlyTheirs = pools === null
    ? sql`true`
    : sql`NOT EXISTS (SELECT 1 FROM annotations o
        WHERE o.project_id = ${projectId} AND o.item_id = i.item_id AND o.source IN ('human', 'import') AND NOT ${doneInPools('o', pools)})`;
  const { rows } = await sql<{ item_id: number; known: Record<string, string[]> | null; accepted: Record<string, string[]> | null }>`
    SELECT i.item_id, k.result -> 'choices' AS known, st.consensus -> 'choices' AS accepted
    FROM unnest(${[...new Set(itemIds)]}::bigint[]) AS i(item_id)
    LEFT JOIN known_answers k ON k.project_id = ${projectId} AND k.item_id = i.item_id
    LEFT JOIN item_states st ON st.project_id = ${projectId} AND st.item_id = i.item_id AND st.stage = 'accepted'
    WHERE (k.item_id IS NOT NULL OR st.item_id IS NOT NULL) AND ${onlyTheirs}`.execute(db);
  return new Map(rows.map((r) => [Number(r.item_id), { known: r.known ?? null, accepted: r.accepted ?? null }]));
}
