import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { literalCount, literalId } from './planned-per-value.ts';

// Compiles without a database: only the SQL text is looked at.
const db = new Kysely<object>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});

it('writes ids and counts into the statement, so that each value gets its own plan', () => {
  const q = sql`SELECT 1 FROM annotations a WHERE a.project_id = ${literalId(7)} LIMIT ${literalCount(20_000)}`.compile(db);
  assert.deepEqual([q.sql, q.parameters], ['SELECT 1 FROM annotations a WHERE a.project_id = 7 LIMIT 20000', []]);
  assert.equal(sql`LIMIT ${literalCount(0)}`.compile(db).sql, 'LIMIT 0');
});

it('writes nothing but integers in', () => {
  assert.throws(() => literalId(1.5), TypeError);
  assert.throws(() => literalId('1; DROP TABLE tasks' as unknown as number), TypeError);
  assert.throws(() => literalId(Number.NaN), TypeError);
  assert.throws(() => literalCount(-1), TypeError);
  assert.throws(() => literalCount('10 OR true' as unknown as number), TypeError);
});
