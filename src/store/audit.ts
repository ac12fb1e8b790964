/**
 * Recording audit events: appended to the outbox, to be chained into the trail by the chainer.
 * Callers pass their transaction, so an event is recorded exactly when the act it records commits.
 */
import { sql } from 'kysely';
import type { AuditEventDraft } from '../core/audit/event.ts';
import type { Db } from './database.ts';

const idText = (id: string | number | null | undefined): string | null => (id === null || id === undefined ? null : String(id));

export async function recordAuditEvents(db: Db, drafts: readonly AuditEventDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const col = <T>(f: (d: AuditEventDraft) => T): T[] => drafts.map(f);
  await sql`
    INSERT INTO audit_outbox (at, actor_id, actor_email, pool_id, action, subject_type, subject_id, project_id, source_ip, details)
    SELECT * FROM unnest(${col((d) => d.at)}::timestamptz[], ${col((d) => idText(d.actorId))}::bigint[], ${col((d) => d.actorEmail ?? null)}::text[],
                         ${col((d) => idText(d.poolId))}::bigint[], ${col((d) => d.action)}::text[], ${col((d) => d.subjectType)}::text[],
                         ${col((d) => idText(d.subjectId))}::text[], ${col((d) => idText(d.projectId))}::bigint[], ${col((d) => d.sourceIp ?? null)}::text[],
                         ${col((d) => (d.details === undefined ? null : JSON.stringify(d.details)))}::jsonb[])`.execute(db);
}
