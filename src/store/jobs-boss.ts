/**
 * pg-boss reaches the database through the store, never through a pool of its own: on PGlite there
 * is one connection, and every statement has to take its turn on it (a statement sent to PGlite
 * directly while a bridged transaction is open is lost). Two adapters of pg-boss's `IDatabase`:
 * over the store's pool (the worker's own statements), and inside one of our transactions (a queue
 * job that must commit, or roll back, with the rows that asked for it).
 */
import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db } from './database.ts';

/** pg-boss's database interface (`executeSql`), structurally. */
export interface QueueDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

type QueryResultLike = { rows?: unknown[] } | { rows?: unknown[] }[];

function flatten(result: QueryResultLike): { rows: any[] } {
  // A multi-statement text answers with one result per statement; a RETURNING in the middle of
  // BEGIN … COMMIT must not be lost behind the trailing COMMIT.
  if (Array.isArray(result)) return { rows: result.flatMap((r) => r.rows ?? []) };
  return { rows: result.rows ?? [] };
}

/**
 * Statements on a connection of the store's pool. Parameterless texts may hold several statements
 * (pg-boss's schema and its locked maintenance blocks) and go through the simple query protocol.
 * When one of those fails inside its own BEGIN, the connection is left in an aborted transaction;
 * it is rolled back on the same connection before it goes back to the pool, so that the next
 * caller (on PGlite: everyone) does not inherit it.
 */
export function queueDatabase(pool: pg.Pool): QueueDatabase {
  return {
    async executeSql(text, values) {
      const client = await pool.connect();
      try {
        const result = values && values.length > 0 ? await client.query(text, values) : await client.query(text);
        return flatten(result as unknown as QueryResultLike);
      } catch (error) {
        if (!values || values.length === 0) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Statements inside the caller's transaction (or on its connection). */
export function queueDatabaseIn(db: Db): QueueDatabase {
  return {
    async executeSql(text, values) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}
