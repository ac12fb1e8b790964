import { sql } from 'kysely';
import type { Db } from './database.ts';

/** A round trip to the database. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** Refreshes the planner's statistics after a bulk load (benchmarks, large imports). */
export async function analyzeTables(db: Db): Promise<void> {
  await sql`ANALYZE`.execute(db);
}
