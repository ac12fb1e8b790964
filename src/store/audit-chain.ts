/**
 * The hash-chained trail (audit_events) and its checkpoints. Only the chainer writes here, under
 * an advisory lock held for its transaction, so that any number of servers can run it and the
 * chain still grows one event at a time.
 */
import { sql, type Selectable } from 'kysely';
import type { AuditEvent, AuditEventDraft, ChainLink } from '../core/audit/event.ts';
import type { Db } from './database.ts';
import type { AuditEventsTable } from './schema.ts';

const CHAIN_LOCK_KEY = 7_242_020; // arbitrary, constant: "atelier audit chain"

/**
 * Takes the chain's lock for the rest of the caller's transaction. With `wait: false` it returns
 * false at once when another transaction holds it (a timer can skip a turn).
 */
export async function lockChain(db: Db, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(db);
    return true;
  }
  const row = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${CHAIN_LOCK_KEY}) AS locked`.execute(db);
  return row.rows[0]?.locked === true;
}

export async function chainHead(db: Db): Promise<ChainLink | null> {
  const row = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: row.seq, hash: row.hash } : null;
}

export interface OutboxEntry {
  outboxId: number;
  draft: AuditEventDraft;
}

/** The oldest waiting events, in the order they were recorded. */
export async function takeOutboxBatch(db: Db, limit: number): Promise<OutboxEntry[]> {
  const rows = await db.selectFrom('audit_outbox').selectAll().orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    outboxId: r.id,
    draft: {
      id: null,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorEmail: r.actor_email,
      poolId: r.pool_id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      projectId: r.project_id,
      sourceIp: r.source_ip,
      details: (r.details as unknown) ?? null,
    },
  }));
}

export async function deleteOutboxRows(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`DELETE FROM audit_outbox WHERE id = ANY(${ids as number[]}::bigint[])`.execute(db);
}

const idText = (id: string | number | null | undefined): string | null => (id === null || id === undefined ? null : String(id));

/** Appends chained events (seq, prevHash and hash already computed) in one statement. */
export async function insertChainedEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const col = <T>(f: (e: AuditEvent) => T): T[] => events.map(f);
  await sql`
    INSERT INTO audit_events (seq, at, actor_id, actor_email, pool_id, action, subject_type, subject_id, project_id, source_ip, details, prev_hash, hash)
    SELECT * FROM unnest(${col((e) => e.seq)}::bigint[], ${col((e) => e.at)}::timestamptz[], ${col((e) => idText(e.actorId))}::bigint[],
                         ${col((e) => e.actorEmail ?? null)}::text[], ${col((e) => idText(e.poolId))}::bigint[], ${col((e) => e.action)}::text[],
                         ${col((e) => e.subjectType)}::text[], ${col((e) => idText(e.subjectId))}::text[], ${col((e) => idText(e.projectId))}::bigint[],
                         ${col((e) => e.sourceIp ?? null)}::text[], ${col((e) => (e.details === undefined || e.details === null ? null : JSON.stringify(e.details)))}::jsonb[],
                         ${col((e) => e.prevHash)}::text[], ${col((e) => e.hash)}::text[])`.execute(db);
}

export function toAuditEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    seq: row.seq,
    id: null,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    poolId: row.pool_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    projectId: row.project_id,
    sourceIp: row.source_ip,
    details: row.details ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Events after `afterSeq`, in seq order: a page of the chain for verification. */
export async function readChainPage(db: Db, afterSeq: number, limit: number): Promise<AuditEvent[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map(toAuditEvent);
}

export interface CheckpointRecord extends ChainLink {
  at: Date;
}

export async function listCheckpoints(db: Db): Promise<CheckpointRecord[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({ seq: r.seq, hash: r.hash, at: r.at }));
}

export async function latestCheckpoint(db: Db): Promise<CheckpointRecord | null> {
  const row = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: row.seq, hash: row.hash, at: row.at } : null;
}

/** Records a checkpoint unless one exists at that seq already. */
export async function insertCheckpoint(db: Db, link: ChainLink): Promise<void> {
  await db.insertInto('audit_checkpoints').values({ seq: link.seq, hash: link.hash }).onConflict((oc) => oc.column('seq').doNothing()).execute();
}

/** How many events wait in the outbox (health, tests). */
export async function outboxLength(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
