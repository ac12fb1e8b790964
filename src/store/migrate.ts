/**
 * Numbered plain-SQL migrations (`migrations/NNNN_name.sql`), applied in order, each in its own
 * transaction. A migration that has landed is never edited: its checksum is recorded and a changed
 * file stops the start-up. Concurrent servers starting at once serialise on an advisory lock.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DomainError } from '../core/errors.ts';
import type { Store } from './database.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
const LOCK_KEY = 7_242_011; // arbitrary, constant: "atelier migrations"

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/** A fingerprint of the whole migration set (test snapshots are keyed by it). */
export function migrationsFingerprint(migrations = loadMigrations()): string {
  return createHash('sha256').update(migrations.map((m) => m.checksum).join(',')).digest('hex').slice(0, 16);
}

export interface MigrateReport {
  applied: string[];
  current: number;
}

export async function migrate(store: Store, migrations = loadMigrations()): Promise<MigrateReport> {
  const applied: string[] = [];
  await store.transaction(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS atelier_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(tx);
    const done = new Map(
      (await tx.selectFrom('atelier_migrations').selectAll().execute()).map((row) => [row.version, row]),
    );
    for (const migration of migrations) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new DomainError(
            'conflict',
            `migration ${migration.version}_${migration.name} was changed after it was applied; migrations are never edited, add a new one`,
          );
        }
        continue;
      }
      // Each file runs whole (it may hold functions with semicolons inside), in this transaction.
      await sql.raw(migration.sql).execute(tx);
      await tx
        .insertInto('atelier_migrations')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      applied.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`);
    }
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done.keys()].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new DomainError('conflict', `the database has migrations this version of Atelier does not know (${unknown.join(', ')}); upgrade Atelier`);
    }
  });
  return { applied, current: migrations.at(-1)?.version ?? 0 };
}
