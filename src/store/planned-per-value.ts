/**
 * Numbers written into a statement instead of bound, for the statements whose best plan depends on
 * them. Atelier prepares every parameterised statement (database.ts), and after five runs
 * PostgreSQL may keep one generic plan for any value. Where the value decides the plan, that plan
 * suits some values and fails others:
 *
 * - the pool of a scoped reader: a pool with 30 % of the work wants a walk back from the newest
 *   answer, one with 1 % a scan and sort (1.7 s under the other's plan, 0.3 s under its own);
 * - the project of a project-wide read, on a server that holds a large project and a small one:
 *   the small project's reads took the plan suited to the large one (quality window 136–264 ms
 *   against 13–40; stage counts 26–39 against 2–6; metadata keys 42–83 against 1–3; PostgreSQL,
 *   1,000,000 answers beside 3,000).
 *
 * Written in, each value gets a statement, and a plan, of its own. Only integers are written in:
 * anything else throws before it reaches the SQL.
 */
import { type RawBuilder, sql } from 'kysely';

/** An id (of a project, a pool) written into the statement. */
export function literalId(id: number): RawBuilder<number> {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) throw new TypeError(`id ${String(id)} is not an integer`);
  return sql.lit(n);
}

/** A row count (a LIMIT) written into the statement. */
export function literalCount(count: number): RawBuilder<number> {
  const n = Number(count);
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`count ${String(count)} is not a whole number`);
  return sql.lit(n);
}
