/** The audit search form as a query string, and an event's who/what in words. */
import type { AuditEvent } from '../api/data-types.ts';

export interface AuditFilters {
  actor: string;
  action: string;
  subject: string;
  project: string;
  pool: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', subject: '', project: '', pool: '', from: '', to: '' };

/** `?actor=…&action=…` with the filled filters only, a page size and the cursor of the page before. */
export function auditQueryString(filters: AuditFilters, limit: number, cursor: number | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  params.set('limit', String(limit));
  if (cursor !== null) params.set('cursor', String(cursor));
  return params.toString();
}

export function subjectWords(e: AuditEvent): string {
  return e.subjectId === null ? e.subjectType : `${e.subjectType} ${e.subjectId}`;
}

export function actorWords(e: AuditEvent): string {
  if (e.actorEmail) return e.actorEmail;
  if (e.actorId) return `user ${e.actorId}`;
  return 'the system';
}
