/**
 * A database made for one benchmark run and thrown away after: a PGlite data folder in a temporary
 * directory, or a scratch database on the PostgreSQL server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DomainError } from '../core/errors.ts';
import { openStore, type Store } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

export interface ScratchDatabase {
  engine: 'pglite' | 'postgres';
  /** For PGlite: the data folder; for PostgreSQL: unused (the URL says where). */
  dataDir: string;
  /** For PostgreSQL: the scratch database's URL. */
  url: string | null;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

export async function createScratchDatabase(engine: 'pglite' | 'postgres', serverUrl: string | null): Promise<ScratchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  if (engine === 'pglite') {
    const dataDir = join(dir, 'data');
    return {
      engine,
      dataDir,
      url: null,
      open: async () => {
        const store = await openStore({ engine: 'pglite', dataDir });
        await migrate(store);
        return store;
      },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  if (!serverUrl) throw new DomainError('invalid_input', '--db postgres needs a server: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  const name = `atelier_bench_${process.pid}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    dataDir: join(dir, 'data'),
    url: url.toString(),
    open: async () => {
      const store = await openStore({ engine: 'postgres', url: url.toString(), poolSize: 40 });
      await migrate(store);
      return store;
    },
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
