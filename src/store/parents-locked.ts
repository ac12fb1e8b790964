/**
 * Bulk inserts whose foreign keys are checked once per batch instead of once per row.
 *
 * PostgreSQL checks a foreign key with a trigger on every inserted row: it looks the parent up and
 * locks it. In an import that was half the database's work (on PGlite, 96 of 194 ms for 2,000 items
 * and their tasks), and every one of those checks repeats one of a handful: the batch's project, its
 * pools, and items the same statement has just inserted. So in a transaction, and where the role may
 * (a superuser, which Atelier always is on PGlite), the batch locks its parents itself, FOR KEY SHARE
 * as the triggers would, and runs with `session_replication_role = replica`: the way pg_restore skips
 * the same triggers. A missing parent turns the shortcut off, so the insert then fails on the
 * trigger with PostgreSQL's own foreign-key error.
 *
 * The role also silences any other trigger on the tables written, so those must have none but the
 * foreign keys' own (`parents-locked.test.ts` holds this).
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface BatchParents {
  projectId: number;
  /** The pools the batch's rows point to (repeats allowed). */
  poolIds: (number | null)[];
}

/** The tables a parents-locked insert may write: they must have no triggers but foreign keys'. */
export const PARENTS_LOCKED_TABLES = ['items', 'tasks'] as const;

export async function withParentsLocked<T>(db: Db, parents: BatchParents, insert: () => Promise<T>): Promise<T> {
  // Outside a transaction the role would not hold for the insert, nor the locks.
  if (!db.isTransaction) return insert();
  const pools = [...new Set(parents.poolIds.filter((p): p is number => p !== null))];
  const { rows } = await sql<{ role: string | null }>`
    WITH project AS (SELECT id FROM projects WHERE id = ${parents.projectId} FOR KEY SHARE),
         pools AS (SELECT id FROM pools WHERE id = ANY(${pools}::bigint[]) FOR KEY SHARE)
    SELECT CASE WHEN current_setting('is_superuser') = 'on'
                 AND (SELECT count(*) FROM project) = 1
                 AND (SELECT count(*) FROM pools) = ${pools.length}
           THEN set_config('session_replication_role', 'replica', true) END AS role`.execute(db);
  if (rows[0]?.role !== 'replica') return insert();
  // On failure the transaction (or its savepoint) is rolled back, and the setting with it.
  const result = await insert();
  await sql`SELECT set_config('session_replication_role', 'origin', true)`.execute(db);
  return result;
}
