import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { type BatchColumn, batchRows } from './batch-rows.ts';

// Compiles without a database: what a batch sends is the question here.
const db = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

interface Row {
  id: number;
  at: Date | null;
  tags: string;
}
const columns: BatchColumn<Row>[] = [
  { name: 'id', type: 'bigint', value: (r) => r.id },
  { name: 'at', type: 'timestamptz', value: (r) => r.at },
  { name: 'tags', type: 'text', value: (r) => r.tags, stored: (v) => sql`string_to_array(${v}, ',')` },
];
const compiled = (rows: Row[]) => {
  const b = batchRows(rows, columns);
  return sql`INSERT INTO t (${b.columns}) SELECT ${b.values} FROM ${b.source} ORDER BY u.ord`.compile(db);
};

describe('the rows of a batch', () => {
  it('sends a varying column as an array and a uniform one once, equal dates counting as one value', () => {
    const q = compiled([
      { id: 1, at: new Date(0), tags: 'a' },
      { id: 2, at: new Date(0), tags: 'a' },
    ]);
    assert.equal(
      q.sql,
      'INSERT INTO t ("id", "at", "tags") SELECT u."id", $1::timestamptz, string_to_array($2::text, \',\') FROM unnest($3::bigint[]) WITH ORDINALITY AS u("id", ord) ORDER BY u.ord',
    );
    assert.deepEqual(q.parameters, [new Date(0), 'a', [1, 2]]);
  });

  it('reads the rows from a series when nothing varies, and from arrays of the same length otherwise', () => {
    assert.match(compiled([{ id: 7, at: null, tags: '' }]).sql, /FROM generate_series\(1, \$4::int\) AS u\(ord\)/);
    const q = compiled([
      { id: 1, at: null, tags: 'a' },
      { id: 2, at: new Date(5), tags: 'b' },
    ]);
    assert.match(q.sql, /unnest\(\$1::bigint\[\], \$2::timestamptz\[\], \$3::text\[\]\) WITH ORDINALITY AS u\("id", "at", "tags", ord\)/);
    assert.deepEqual(q.parameters, [[1, 2], [null, new Date(5)], ['a', 'b']]);
  });
});
