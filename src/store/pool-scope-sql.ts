/**
 * Whose work a query counts: a vendor's own reviewer reads the work of their pools only
 * (services/quality/work-scope.ts). Filtering in SQL, before a LIMIT, keeps a scoped reader's
 * window as full as anyone's: filtered afterwards, they saw only their share of the latest answers
 * of the whole project.
 */
import { type RawBuilder, sql } from 'kysely';
import { literalId } from './planned-per-value.ts';

/** Pool ids whose work a reader sees; null: every pool's, and staff work outside any pool. */
export type PoolIds = readonly number[] | null;

/**
 * The pool id in `column` is one of `pools` (a null pool, staff work, is in none). The ids are
 * written into the statement, so that each scope gets a plan of its own (planned-per-value.ts).
 */
export function poolIn(column: string, pools: PoolIds): RawBuilder<boolean> {
  if (pools === null) return sql<boolean>`true`;
  if (pools.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(column)} IN (${sql.join(pools.map(literalId))})`;
}

/**
 * The annotation (`alias`, a row of annotations) was done in one of `pools`: through its task's
 * pool, else its own (imported work has no task, and keeps the pool it was credited to).
 */
export function doneInPools(alias: string, pools: PoolIds): RawBuilder<boolean> {
  if (pools === null) return sql<boolean>`true`;
  const a = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`EXISTS (
    SELECT 1 FROM (SELECT coalesce((SELECT pt.pool_id FROM tasks pt WHERE pt.id = ${a('task_id')}), ${a('pool_id')}) AS pool_id) dp
    WHERE ${poolIn('dp.pool_id', pools)})`;
}

/**
 * The item (`alias`, a row with project_id and item_id) has a task done in one of `pools`, or an
 * imported label credited to one of them (imported work has no task).
 */
export function workedOnInPools(alias: string, pools: PoolIds): RawBuilder<boolean> {
  if (pools === null) return sql<boolean>`true`;
  const s = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`(EXISTS (
    SELECT 1 FROM tasks wt
    WHERE wt.project_id = ${s('project_id')} AND wt.item_id = ${s('item_id')} AND wt.status = 'done' AND ${poolIn('wt.pool_id', pools)})
  OR EXISTS (
    SELECT 1 FROM annotations wa
    WHERE wa.project_id = ${s('project_id')} AND wa.item_id = ${s('item_id')} AND wa.task_id IS NULL AND wa.source = 'import' AND ${poolIn('wa.pool_id', pools)}))`;
}
