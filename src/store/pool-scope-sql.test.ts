import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { poolIn } from './pool-scope-sql.ts';

// Compiles without a database: only the SQL text is looked at.
const db = new Kysely<object>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});
const compiled = (pools: readonly number[] | null) => sql`SELECT 1 WHERE ${poolIn('t.pool_id', pools)}`.compile(db);

it('writes pool ids into the statement, so that each scope gets its own plan', () => {
  assert.deepEqual([compiled([3, 12]).sql, compiled([3, 12]).parameters], ['SELECT 1 WHERE "t"."pool_id" IN (3, 12)', []]);
  assert.equal(compiled(null).sql, 'SELECT 1 WHERE true', 'no scope: every pool');
  assert.equal(compiled([]).sql, 'SELECT 1 WHERE false', 'a reader of no pool sees no work');
  assert.throws(() => poolIn('t.pool_id', [1.5]), TypeError);
  assert.throws(() => poolIn('t.pool_id', ['1; DROP TABLE tasks' as unknown as number]), TypeError);
});
