/**
 * Opens Atelier's database: PGlite (PostgreSQL in WebAssembly, in-process) in a data folder by
 * default, or a PostgreSQL server when a URL is given. Both are reached the same way — Kysely's
 * PostgreSQL dialect over a `pg.Pool` — so every query is the same SQL on both engines.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import type { Database } from './schema.ts';

export type Engine = 'pglite' | 'postgres';
/** A connection or an open transaction: what repositories and services take. */
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface Store {
  engine: Engine;
  db: Db;
  /**
   * Connections for the claim statements, whose sessions always run a prepared statement's generic
   * plan. PostgreSQL would otherwise re-plan a claim at every call, because a plan for the very
   * arrays at hand looks cheaper; but planning the claim costs more than running it (measured on the
   * claim–submit benchmark: 1.2 ms of planning to 1.8 ms of execution per batch; with the
   * generic plan under 0.01 ms of planning and 1.55 ms of execution). Other statements are not sent here: a
   * generic plan can be far worse for them. On PGlite, the one connection there is.
   */
  queueDb: Db;
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Raw pg pool (benchmarks that measure the SQL without Atelier around it). */
  pool: pg.Pool;
  /** The embedded engine itself, to dump it (test snapshots); never queried directly. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

export type StoreLocation =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir: string }
  /** An in-memory PGlite, optionally loaded from a dump (tests). */
  | { engine: 'pglite-memory'; loadDataDir?: Blob | File };

const INT8_OID = 20;
// Ids and counts are bigint in SQL; as JavaScript numbers they are exact up to 2^53.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Every parameterised statement runs as a named prepared statement, so that PostgreSQL plans it once
 * per connection instead of at every call. On the hot path planning costs several times more than
 * executing (measured: a claim on PGlite takes 4.2 ms unprepared, 1.0 ms prepared). Kysely renders
 * one query shape to one text, so the set of names stays small; past a cap, texts run unnamed.
 */
const MAX_PREPARED = 2000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known !== undefined || statementNames.size >= MAX_PREPARED) return known;
  const name = `atelier_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  statementNames.set(text, name);
  return name;
}

function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((textOrCursor: unknown, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string' || !values || values.length === 0) {
            return client.query(textOrCursor as string, values as unknown[]);
          }
          return client.query({ name: statementName(textOrCursor), text: textOrCursor, values: values as unknown[] });
        }) as unknown as PostgresPoolClient["query"],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}

const kyselyOn = (pool: pg.Pool): Db => new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });

function makeStore(engine: Engine, pool: pg.Pool, queuePool: pg.Pool | null, pglite: PGlite | null, onClose: () => Promise<void>): Store {
  const db = kyselyOn(pool);
  const queueDb = queuePool ? kyselyOn(queuePool) : db;
  let closed = false;
  return {
    engine,
    db,
    queueDb,
    pool,
    pglite,
    transaction: (fn) => db.transaction().execute(fn),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      if (queueDb !== db) await queueDb.destroy();
      await onClose();
    },
  };
}

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.engine === 'postgres') {
    // No JIT: Atelier's statements are short, and PostgreSQL compiles any whose estimate passes
    // jit_above_cost, for longer than the run it saves (36 of 144 ms for the quality page's
    // answer window at 300,000 answers; 2.4 s for the analytics aggregates, which had turned it off).
    const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 20, types: typeParsers, options: '-c jit=off' });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    // Claims arrive in batches, a few at a time: a handful of connections serve them.
    const queuePool = new pg.Pool({ connectionString: location.url, max: 4, types: typeParsers, options: '-c plan_cache_mode=force_generic_plan -c jit=off' });
    queuePool.on('error', () => {});
    return makeStore('postgres', pool, queuePool, null, async () => {});
  }

  let lock: DataDirLock | null = null;
  // The embedded engine already runs without fsync (PGlite's choice): a kill -9 loses nothing the OS
  // was given, a power cut may. With that, full-page images and a replica-level WAL only cost time
  // (measured: 129 → 183 claim–submit cycles/s); there is no replica to feed. 64 MB of shared buffers
  // (not 128) keeps a server with a million items under 600 MB (measured 578 MB, against 686 MB).
  // A new 16 MB WAL file is not filled with zeros first: that was 100 of the 270 MB an import of
  // 100,000 items wrote, for a preallocation that protects nothing without fsync.
  const embedded = { postgresqlconf: ['full_page_writes=off', 'wal_level=minimal', 'max_wal_senders=0', 'shared_buffers=64MB', 'wal_init_zero=off'] };
  let pglite: PGlite;
  if (location.engine === 'pglite') {
    lock = lockDataDir(location.dataDir);
    try {
      pglite = await PGlite.create(join(location.dataDir, 'db'), embedded);
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = await PGlite.create(location.loadDataDir ? { ...embedded, loadDataDir: location.loadDataDir } : embedded);
  }
  // PGlite has one connection: every query, transactions included, goes through this one client so
  // that nothing slips in between the statements of another caller's transaction.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, types: typeParsers });
  return makeStore('pglite', pool, null, pglite, async () => {
    await pglite.close();
    lock?.release();
  });
}
