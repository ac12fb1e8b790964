/**
 * On PostgreSQL the trail holds against its own owner: the role that ran the migrations (and runs
 * Atelier) keeps no UPDATE, DELETE or TRUNCATE on it, so even after switching the trigger off it
 * cannot rewrite events. (A superuser ignores privileges; the trigger is what stands in its way.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { auditDraft } from '../services/audit/record.ts';
import { chainPendingEvents } from '../services/audit/chain-events.ts';
import { engineSkipReason, testDatabaseUrl } from '../../test/support/databases.ts';
import { recordAuditEvents } from './audit.ts';
import { openStore, type Store } from './database.ts';
import { migrate } from './migrate.ts';

describe('the audit trail against its owner [postgres]', { skip: engineSkipReason('postgres') }, () => {
  const suffix = `${process.pid}_${Date.now() % 100000}`;
  const role = `atelier_owner_${suffix}`;
  const database = `atelier_priv_${suffix}`;
  let store: Store;
  const admin = async (text: string): Promise<void> => {
    const client = new pg.Client({ connectionString: testDatabaseUrl! });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };

  before(async () => {
    await admin(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD 'owner-${suffix}'`);
    await admin(`CREATE DATABASE ${database} OWNER ${role}`);
    const url = new URL(testDatabaseUrl!);
    url.username = role;
    url.password = `owner-${suffix}`;
    url.pathname = `/${database}`;
    store = await openStore({ engine: 'postgres', url: url.toString(), poolSize: 2 });
    await migrate(store);
    await recordAuditEvents(store.db, [auditDraft(null, { action: 'item.read', subjectType: 'item', subjectId: 1 })]);
    await chainPendingEvents(store, { wait: true });
  });
  after(async () => {
    await store?.close();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('refuses the owner UPDATE, DELETE and TRUNCATE, trigger or no trigger', async () => {
    for (const statement of ["UPDATE audit_events SET action = 'x'", 'DELETE FROM audit_events', 'TRUNCATE audit_events', 'DELETE FROM audit_checkpoints']) {
      await assert.rejects(sql.raw(statement).execute(store.db), /permission denied/, statement);
    }
    await assert.rejects(
      store.transaction(async (tx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(tx);
        await sql`UPDATE audit_events SET action = 'x'`.execute(tx);
      }),
      /permission denied/,
    );
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_events WHERE action = 'item.read'`.execute(store.db);
    assert.equal(Number(row.rows[0]!.n), 1, 'the owner still reads and the chainer still appends');
  });
});
