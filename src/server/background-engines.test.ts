/**
 * The background engines on their own thread (PostgreSQL): they chain what the outbox holds, they
 * stop when the server stops, and a thread that cannot run hands its engines to the main thread.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditDraft } from '../services/audit/record.ts';
import { createWorkCache } from '../services/work-cache.ts';
import { recordAuditEvents } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import { engineSkipReason, openPostgresTestStore, openPgliteTestStore } from '../../test/support/databases.ts';
import { type FromBackground, onBackgroundMessage, relayingWorkCache, startBackgroundEngines } from './background-engines.ts';

async function chainedCount(store: Store): Promise<number> {
  const row = await store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const event = (n: number) => auditDraft(null, { action: 'test.event', subjectType: 'test', subjectId: n, details: { n } });

describe('background engines on PostgreSQL', { skip: engineSkipReason('postgres') }, () => {
  let store: Store & { url: string };
  before(async () => {
    store = await openPostgresTestStore();
  });
  after(() => store.close());

  it('run on a thread of their own, chain the outbox there, and stop with the server', async () => {
    const warnings: string[] = [];
    const engines = startBackgroundEngines(store, createWorkCache(), { databaseUrl: store.url, log: { warn: (m) => warnings.push(m) } });
    await engines.ready;
    assert.equal(engines.where(), 'thread');
    const before = await chainedCount(store);
    await recordAuditEvents(store.db, [event(1), event(2), event(3)]);
    await until('the thread chained the three events', async () => (await chainedCount(store)) === before + 3);
    await engines.stop();
    assert.deepEqual(warnings, []);
    // Stopped means stopped: what is recorded now stays in the outbox.
    await recordAuditEvents(store.db, [event(4)]);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await chainedCount(store), before + 3);
  });

  it('hand their work to the main thread when the thread cannot reach the database', async () => {
    const warnings: string[] = [];
    const unreachable = store.url.replace(/\/[^/]*$/, '/atelier_no_such_database');
    const engines = startBackgroundEngines(store, createWorkCache(), { databaseUrl: unreachable, log: { warn: (m) => warnings.push(m) } });
    await engines.ready;
    assert.equal(engines.where(), 'main');
    assert.match(warnings.join('\n'), /background thread (failed|ended)/);
    const before = await chainedCount(store);
    await recordAuditEvents(store.db, [event(5)]);
    await until('the main thread chained the event', async () => (await chainedCount(store)) >= before + 1);
    await engines.stop();
  });
});

describe('background engines on PGlite', () => {
  it('stay on the main thread, where the one connection is', async () => {
    const store = await openPgliteTestStore();
    try {
      const engines = startBackgroundEngines(store, createWorkCache(), { databaseUrl: null, log: { warn: () => {} } });
      await engines.ready;
      assert.equal(engines.where(), 'main');
      const before = await chainedCount(store);
      await recordAuditEvents(store.db, [event(1)]);
      await until('the event is chained', async () => (await chainedCount(store)) === before + 1);
      await engines.stop();
    } finally {
      await store.close();
    }
  });
});

describe('an annotator paused on the background thread', () => {
  it("makes the server forget the memberships it has cached", () => {
    const forgotten: string[] = [];
    const cacheOf = (where: string) => ({ ...createWorkCache(), forgetWorkforce: () => forgotten.push(where) });
    const sent: FromBackground[] = [];
    const threadCache = relayingWorkCache(cacheOf('thread'), (m) => sent.push(m));
    threadCache.forgetWorkforce();
    assert.deepEqual(forgotten, ['thread']);
    assert.deepEqual(sent, [{ type: 'forget-workforce' }]);
    const serverCache = cacheOf('server');
    for (const message of sent) onBackgroundMessage(message, serverCache, { warn: () => assert.fail('no warning') }, () => assert.fail('not a ready message'));
    assert.deepEqual(forgotten, ['thread', 'server']);
  });
});
