/** Reading the audit trail for people: searches newest first, time ranges for export, counts. */
import { sql } from 'kysely';
import type { AuditEvent } from '../core/audit/event.ts';
import type { Db } from './database.ts';
import { toAuditEvent } from './audit-chain.ts';

export interface AuditSearch {
  actorId?: number;
  actorEmail?: string;
  /** An exact action (`item.read`) or every action of a family (`auth.`, ending with a dot). */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  projectId?: number;
  poolId?: number;
  from?: Date;
  to?: Date;
  /** Events older than this seq (the previous page's cursor). */
  beforeSeq?: number;
  limit: number;
}

export async function searchAuditEvents(db: Db, search: AuditSearch): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(search.limit);
  if (search.actorId !== undefined) q = q.where('actor_id', '=', search.actorId);
  if (search.actorEmail !== undefined) q = q.where(sql<string>`lower(actor_email)`, '=', search.actorEmail.toLowerCase());
  if (search.action !== undefined) {
    q = search.action.endsWith('.') ? q.where('action', 'like', `${search.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : q.where('action', '=', search.action);
  }
  if (search.subjectType !== undefined) q = q.where('subject_type', '=', search.subjectType);
  if (search.subjectId !== undefined) q = q.where('subject_id', '=', search.subjectId);
  if (search.projectId !== undefined) q = q.where('project_id', '=', search.projectId);
  if (search.poolId !== undefined) q = q.where('pool_id', '=', search.poolId);
  if (search.from !== undefined) q = q.where('at', '>=', search.from);
  if (search.to !== undefined) q = q.where('at', '<', search.to);
  if (search.beforeSeq !== undefined) q = q.where('seq', '<', search.beforeSeq);
  return (await q.execute()).map(toAuditEvent);
}

/**
 * The contiguous run of the chain that covers [from, to): from the first event at or after `from`
 * to the last before `to`, with everything chained between them, so that the run verifies on its
 * own from its first event's prevHash. Null when no event falls in the range.
 */
export async function seqRangeOf(db: Db, from: Date | null, to: Date | null): Promise<{ first: number; last: number } | null> {
  let q = db.selectFrom('audit_events').select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')]);
  if (from) q = q.where('at', '>=', from);
  if (to) q = q.where('at', '<', to);
  const row = await q.executeTakeFirst();
  if (!row || row.first === null || row.last === null) return null;
  return { first: Number(row.first), last: Number(row.last) };
}

/** Events first..last, in seq order, a page at a time. */
export async function readSeqRange(db: Db, first: number, last: number, afterSeq: number, limit: number): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>=', first)
    .where('seq', '<=', last)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toAuditEvent);
}

export interface AuditCount {
  action: string;
  poolId: number | null;
  events: number;
  actors: number;
}

/** Events per action and pool for a project since a time (the data-protection report's access figures). */
export async function countAuditEvents(db: Db, projectId: number, since: Date): Promise<AuditCount[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select((eb) => ['action', 'pool_id', eb.fn.countAll<number>().as('events'), eb.fn.count<number>('actor_id').distinct().as('actors')])
    .where('project_id', '=', projectId)
    .where('at', '>=', since)
    .groupBy(['action', 'pool_id'])
    .orderBy('action')
    .orderBy('pool_id')
    .execute();
  return rows.map((r) => ({ action: r.action, poolId: r.pool_id, events: Number(r.events), actors: Number(r.actors) }));
}

/** Sign-ins refused since a time, overall (they carry no project). */
export async function countFailedSignIns(db: Db, since: Date): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'auth.sign_in_failed')
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
