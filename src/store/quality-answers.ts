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
 */
import { sql } from 'kysely';
import type { Region } from '../core/label-schema.ts';
import type { Db } from './database.ts';
import { literalCount, literalId } from './planned-per-value.ts';
import { type PoolIds, poolIn } from './pool-scope-sql.ts';

interface AnswerRow {
  itemId: number;
  annotatorId: number;
  annotatorName: string;
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

type Row = { item_id: number; annotator_id: number; name: string; key: string | null };
const answerOf = (r: Row): AnswerRow => ({ itemId: r.item_id, annotatorId: r.annotator_id, annotatorName: r.name, poolKey: r.key });

/** FROM … WHERE of a project's current human label answers (of `pools`), with annotator `u` and pool `p`. */
const labelAnswersOf = (projectId: number, pools: PoolIds) => sql`
    FROM annotations a
    JOIN tasks t ON t.id = a.task_id
    JOIN users u ON u.id = a.annotator_id
    LEFT JOIN pools p ON p.id = t.pool_id
    WHERE a.project_id = ${literalId(projectId)} AND a.source = 'human' AND t.stage = 'label' AND t.gold = false
      AND ${poolIn('t.pool_id', pools)}
      AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.supersedes_id = a.id)`;

export async function recentChoiceAnswers(db: Db, projectId: number, limit: number, pools: PoolIds = null): Promise<ChoiceAnswerRow[]> {
  const rows = await sql<Row & { choices: Record<string, string[]> | null }>`
    SELECT a.item_id, a.annotator_id, u.name, p.key, a.result -> 'choices' AS choices
    ${labelAnswersOf(projectId, pools)}
    ORDER BY a.id DESC
    LIMIT ${literalCount(limit)}`.execute(db);
  return rows.rows.map((r) => ({ ...answerOf(r), choices: r.choices ?? {} }));
}

/**
 * The regions of the latest label answers, every control's (the caller picks a control's out): one
 * read however many region controls the schema has. Every answer counts for a region control, with
 * or without regions of it: drawing nothing says there is nothing to mark, and agreeing on that is
 * agreement.
 */
export async function recentRegionAnswers(db: Db, projectId: number, limit: number, pools: PoolIds = null): Promise<RegionAnswerRow[]> {
  const rows = await sql<Row & { regions: Region[] | null }>`
    SELECT a.item_id, a.annotator_id, u.name, p.key, a.result -> 'regions' AS regions
    ${labelAnswersOf(projectId, pools)}
    ORDER BY a.id DESC
    LIMIT ${literalCount(limit)}`.execute(db);
  return rows.rows.map((r) => ({ ...answerOf(r), regions: r.regions ?? [] }));
}
