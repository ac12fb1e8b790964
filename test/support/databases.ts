/**
 * Databases for store and service tests, on both engines.
 *
 * PGlite: a new database costs seconds and hundreds of MB, so the migrated database is made once,
 * dumped to a cache file keyed by the migrations, and every test suite loads that snapshot into an
 * in-memory PGlite. PostgreSQL (when TEST_DATABASE_URL is set): a migrated template database is made
 * once per migration set, and every suite gets a fresh copy of it (CREATE DATABASE … TEMPLATE).
 *
 * With CI=true a missing PostgreSQL is a failure, not a skip.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { forgetCachedPools } from '../../src/services/privacy/pool-results.ts';
import { forgetPrivacySettings } from '../../src/services/privacy/project-privacy.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { migrate, migrationsFingerprint } from '../../src/store/migrate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'atelier-test');
const env = process.env;
export const inCi = env.CI === 'true' || env.CI === '1';
export const testDatabaseUrl = env.TEST_DATABASE_URL ?? null;

export type TestEngine = 'pglite' | 'postgres';

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Runs `make` once across the parallel test processes; the others wait for its file. */
async function once(file: string, make: () => Promise<Uint8Array>): Promise<Buffer> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file)) return readFileSync(file);
    let fd: number | null = null;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      // someone else is making it; a lock older than two minutes is left from a crashed run
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { force: true });
      await sleep(200);
      continue;
    }
    try {
      const bytes = await make();
      writeFileSync(`${file}.tmp-${process.pid}`, bytes);
      renameSync(`${file}.tmp-${process.pid}`, file);
      return Buffer.from(bytes);
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

async function pgliteSnapshot(): Promise<Buffer> {
  return once(join(CACHE_DIR, `pglite-${migrationsFingerprint()}.tar`), async () => {
    const store = await openStore({ engine: 'pglite-memory' });
    try {
      await migrate(store);
      const dump = await store.pglite!.dumpDataDir('none');
      return new Uint8Array(await dump.arrayBuffer());
    } finally {
      await store.close();
    }
  });
}

export async function openPgliteTestStore(): Promise<Store> {
  const snapshot = await pgliteSnapshot();
  return openStore({ engine: 'pglite-memory', loadDataDir: new Blob([new Uint8Array(snapshot)]) });
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

let suiteCounter = 0;

/** A fresh migrated PostgreSQL database for one suite; `url` reaches it from other processes. */
export async function openPostgresTestStore(): Promise<Store & { url: string }> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const template = `atelier_tpl_${migrationsFingerprint()}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    // One process makes the template; the advisory lock holds the others until it exists.
    await admin.query('SELECT pg_advisory_lock(7242012)');
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${template}`);
        const store = await openStore({ engine: 'postgres', url: databaseUrl(testDatabaseUrl, template), poolSize: 2 });
        try {
          await migrate(store);
        } finally {
          await store.close();
        }
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7242012)');
    }
    const name = `atelier_t_${process.pid}_${++suiteCounter}_${Date.now() % 100000}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = databaseUrl(testDatabaseUrl, name);
    const store = Object.assign(await openStore({ engine: 'postgres', url, poolSize: 40 }), { url });
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      const dropper = new pg.Client({ connectionString: testDatabaseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
    return store;
  } finally {
    await admin.end();
  }
}

export function engineSkipReason(engine: TestEngine): string | false {
  if (engine === 'pglite') return false;
  if (testDatabaseUrl) return false;
  if (inCi) throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites must run in CI');
  return 'PostgreSQL suite skipped: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
}

export function openTestStore(engine: TestEngine): Promise<Store> {
  return engine === 'pglite' ? openPgliteTestStore() : openPostgresTestStore();
}

export interface EngineContext {
  engine: TestEngine;
  /** The suite's store, open from `before` to `after`. */
  store: Store;
}

/** Declares the suite once per engine; each copy gets its own freshly migrated database. */
export function describeEachEngine(title: string, body: (ctx: EngineContext) => void): void {
  for (const engine of ['pglite', 'postgres'] as const) {
    const skip = engineSkipReason(engine);
    describe(`${title} [${engine}]`, { skip }, () => {
      const ctx = { engine } as EngineContext;
      before(async () => {
        // Ids repeat from one database to the next: nothing cached for the last one may carry over.
        forgetPrivacySettings();
        forgetCachedPools();
        ctx.store = await openTestStore(engine);
      });
      after(async () => {
        await ctx.store?.close();
      });
      body(ctx);
    });
  }
}
