import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { appendEvent, hashEvent } from '../../core/audit/hash-chain.ts';
import type { AuditEvent } from '../../core/audit/event.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import { chainHead, listCheckpoints, outboxLength, readChainPage } from '../../store/audit-chain.ts';
import type { Store } from '../../store/database.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { chainOneBatch, chainPendingEvents } from './chain-events.ts';
import { auditDraft } from './record.ts';
import { formatChainLink, parseChainLink, verifyTrail } from './verify-trail.ts';

/** What an intruder with the table owner's rights does: switch the guard off, tamper, switch it on. */
async function tamper(store: Store, statement: string): Promise<void> {
  await store.transaction(async (tx) => {
    await sql.raw('ALTER TABLE audit_events DISABLE TRIGGER USER').execute(tx);
    await sql.raw('ALTER TABLE audit_checkpoints DISABLE TRIGGER USER').execute(tx);
    await sql.raw(statement).execute(tx);
    await sql.raw('ALTER TABLE audit_events ENABLE TRIGGER USER').execute(tx);
    await sql.raw('ALTER TABLE audit_checkpoints ENABLE TRIGGER USER').execute(tx);
  });
}

async function record(store: Store, count: number, from = 0): Promise<void> {
  const drafts = Array.from({ length: count }, (_, i) =>
    auditDraft({ user: { id: 7, email: 'ann@example.org' } }, { action: 'item.read', subjectType: 'item', subjectId: from + i, projectId: 1, poolId: 2, details: { part: 'content', n: from + i } }, new Date(Date.UTC(2024, 0, 1, 0, 0, from + i))),
  );
  await recordAuditEvents(store.db, drafts);
}

describeEachEngine('the audit trail', (ctx) => {
  beforeEach(async () => {
    // Each test starts from an empty trail: the guard is off only for this clean-up.
    await tamper(ctx.store, 'DELETE FROM audit_events; DELETE FROM audit_checkpoints; DELETE FROM audit_outbox');
  });

  it('chains the outbox in order, in batches, and verifies', async () => {
    await record(ctx.store, 25);
    const first = await chainOneBatch(ctx.store, { batchSize: 10 });
    assert.equal(first.chained, 10);
    assert.equal(await outboxLength(ctx.store.db), 15);
    const rest = await chainPendingEvents(ctx.store, { batchSize: 10 });
    assert.equal(rest.chained, 15);
    assert.equal(await outboxLength(ctx.store.db), 0);
    const events = await readChainPage(ctx.store.db, 0, 100);
    assert.deepEqual(events.map((e) => e.seq), Array.from({ length: 25 }, (_, i) => i + 1));
    assert.deepEqual(events.map((e) => e.subjectId), Array.from({ length: 25 }, (_, i) => String(i)), 'outbox order is chain order');
    for (let i = 1; i < events.length; i++) assert.equal(events[i]!.prevHash, events[i - 1]!.hash);
    const result = await verifyTrail(ctx.store);
    assert.equal(result.ok, true);
    assert.equal(result.count, 25);
    assert.deepEqual(result.ok && result.head, { seq: 25, hash: events[24]!.hash });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events and checkpoints to the app', async () => {
    await record(ctx.store, 2);
    await chainPendingEvents(ctx.store);
    await verifyTrail(ctx.store);
    for (const statement of [
      "UPDATE audit_events SET action = 'nothing' WHERE seq = 1",
      'DELETE FROM audit_events WHERE seq = 2',
      'TRUNCATE audit_events',
      "UPDATE audit_checkpoints SET hash = 'x'",
      'DELETE FROM audit_checkpoints',
      'TRUNCATE audit_checkpoints',
    ]) {
      await assert.rejects(sql.raw(statement).execute(ctx.store.db), /append-only|permission denied/, statement);
    }
    assert.equal((await verifyTrail(ctx.store)).ok, true);
  });

  it('names the first changed event', async () => {
    await record(ctx.store, 10);
    await chainPendingEvents(ctx.store);
    await tamper(ctx.store, `UPDATE audit_events SET actor_id = 8 WHERE seq = 4`);
    await tamper(ctx.store, `UPDATE audit_events SET details = '{"part":"thumbnail","n":6}' WHERE seq = 7`);
    const result = await verifyTrail(ctx.store);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.brokenAt.seq, 4);
    assert.equal(!result.ok && result.brokenAt.reason, 'hash_mismatch');
    assert.equal(!result.ok && result.count, 3, 'three events verified before the break');
  });

  it('catches a changed time', async () => {
    await record(ctx.store, 3);
    await chainPendingEvents(ctx.store);
    await tamper(ctx.store, `UPDATE audit_events SET at = at + interval '1 second' WHERE seq = 2`);
    const result = await verifyTrail(ctx.store);
    assert.equal(!result.ok && result.brokenAt.seq, 2);
  });

  it('catches a deleted event (a gap) and reordered events', async () => {
    await record(ctx.store, 10);
    await chainPendingEvents(ctx.store);
    await tamper(ctx.store, 'DELETE FROM audit_events WHERE seq = 5');
    let result = await verifyTrail(ctx.store);
    assert.equal(!result.ok && result.brokenAt.seq, 6);
    assert.equal(!result.ok && result.brokenAt.reason, 'sequence_gap');

    await tamper(ctx.store, 'DELETE FROM audit_events; DELETE FROM audit_checkpoints');
    await record(ctx.store, 10);
    await chainPendingEvents(ctx.store);
    const before = await readChainPage(ctx.store.db, 0, 100);
    // Swap events 3 and 4 (their seq, so they read back in the other order).
    await tamper(ctx.store, `UPDATE audit_events SET seq = 1000000 WHERE seq = ${before[2]!.seq};
      UPDATE audit_events SET seq = ${before[2]!.seq} WHERE seq = ${before[3]!.seq};
      UPDATE audit_events SET seq = ${before[3]!.seq} WHERE seq = 1000000`);
    result = await verifyTrail(ctx.store);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.brokenAt.seq, before[2]!.seq);
  });

  it('catches a deleted tail through the checkpoints, and through a head the auditor kept', async () => {
    await record(ctx.store, 10);
    await chainPendingEvents(ctx.store);
    const verified = await verifyTrail(ctx.store);
    assert.ok(verified.ok && verified.head);
    const kept = formatChainLink(verified.head);
    assert.deepEqual(parseChainLink(kept), verified.head);

    await tamper(ctx.store, 'DELETE FROM audit_events WHERE seq > 7');
    let result = await verifyTrail(ctx.store);
    assert.equal(!result.ok && result.brokenAt.reason, 'truncated');
    assert.equal(!result.ok && result.brokenAt.seq, 8);

    // An intruder who also removes the checkpoints is still caught by the head printed earlier.
    await tamper(ctx.store, 'DELETE FROM audit_checkpoints');
    assert.equal((await verifyTrail(ctx.store, { recordCheckpoint: false })).ok, true, 'the trail alone cannot tell');
    result = await verifyTrail(ctx.store, { expectedHeads: [parseChainLink(kept)] });
    assert.equal(!result.ok && result.brokenAt.reason, 'truncated');
  });

  it('catches a chain rewritten from a point on, hashes and all, at the checkpoint', async () => {
    await record(ctx.store, 6);
    await chainPendingEvents(ctx.store);
    await verifyTrail(ctx.store);
    assert.equal((await listCheckpoints(ctx.store.db)).at(-1)?.seq, 6);
    // Rewrite event 3 and re-hash 3..6 so that every link holds again.
    const events = await readChainPage(ctx.store.db, 0, 100);
    let previous = { seq: 2, hash: events[1]!.hash };
    const forged: AuditEvent[] = [];
    for (const e of events.slice(2)) {
      const { seq: _s, prevHash: _p, hash: _h, ...draft } = e;
      const next = appendEvent(previous, e.seq === 3 ? { ...draft, actorId: 99 } : draft);
      forged.push(next);
      previous = { seq: next.seq, hash: next.hash };
    }
    assert.equal(hashEvent(forged[0]!.prevHash, forged[0]!), forged[0]!.hash);
    await tamper(ctx.store, forged.map((f) => `UPDATE audit_events SET actor_id = ${f.actorId}, prev_hash = '${f.prevHash}', hash = '${f.hash}' WHERE seq = ${f.seq};`).join('\n'));
    const result = await verifyTrail(ctx.store);
    assert.equal(!result.ok && result.brokenAt.reason, 'checkpoint_mismatch');
    assert.equal(!result.ok && result.brokenAt.seq, 6);
  });

  it('keeps chaining when two chainers run at once: one chain, no event twice', async () => {
    await record(ctx.store, 300);
    await Promise.all([chainPendingEvents(ctx.store, { batchSize: 7, wait: true }), chainPendingEvents(ctx.store, { batchSize: 11, wait: true })]);
    assert.equal((await chainHead(ctx.store.db))?.seq, 300);
    assert.equal(await outboxLength(ctx.store.db), 0);
    assert.equal((await verifyTrail(ctx.store)).ok, true);
  });
});
