/**
 * Vacuuming for the embedded engine. PGlite runs no autovacuum worker, so without this the rows
 * that claims, submissions and the workflow leave behind would stay for good: tables and the queue
 * index would only grow, and claims would walk ever more dead entries.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface TableActivity {
  schema: string;
  table: string;
  liveRows: number;
  deadRows: number;
  changedSinceAnalyze: number;
}

/** Row counts of every table as the statistics system knows them, flushed first. */
export async function tableActivity(db: Db): Promise<TableActivity[]> {
  // Statistics are flushed lazily; without this an idle embedded engine reports no changes at all.
  await sql`SELECT pg_stat_force_next_flush()`.execute(db);
  await sql`SELECT 1`.execute(db);
  const result = await sql<{ schemaname: string; relname: string; n_live_tup: string; n_dead_tup: string; n_mod_since_analyze: string }>`
    SELECT schemaname, relname, n_live_tup, n_dead_tup, n_mod_since_analyze FROM pg_stat_user_tables`.execute(db);
  return result.rows.map((r) => ({
    schema: r.schemaname,
    table: r.relname,
    liveRows: Number(r.n_live_tup),
    deadRows: Number(r.n_dead_tup),
    changedSinceAnalyze: Number(r.n_mod_since_analyze),
  }));
}

/** VACUUM (and ANALYZE) one table; it cannot run inside a transaction. */
export async function vacuumTable(db: Db, schema: string, table: string, analyze: boolean): Promise<void> {
  const target = sql.table(`${schema}.${table}`);
  await (analyze ? sql`VACUUM (ANALYZE) ${target}` : sql`VACUUM ${target}`).execute(db);
}

/** Whether the server's own autovacuum is switched on (some are run with it off). */
export async function autovacuumOn(db: Db): Promise<boolean> {
  const result = await sql<{ on: boolean }>`SELECT current_setting('autovacuum') = 'on' AS on`.execute(db);
  return result.rows[0]?.on === true;
}
