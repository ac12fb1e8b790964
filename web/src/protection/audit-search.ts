/** The audit search form as a query string, a refused search in the form's words, and an event's who/what in words. */
import type { AuditEvent } from '../api/data-types.ts';
import type { FormField } from '../ui/form-errors.ts';

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

const ID_WORDS = () => 'An id is a whole number of 1 or more.';

/** The search's fields as a refusal names them (its query parameters are the form's keys), in the form's words. */
export const AUDIT_FIELDS: Record<keyof AuditFilters, FormField> = {
  actor: { paths: ['actor'], words: () => 'Give a user id (digits) or an e-mail address.' },
  action: { paths: ['action'] },
  subject: { paths: ['subject'] },
  project: { paths: ['project'], words: ID_WORDS },
  pool: { paths: ['pool'], words: ID_WORDS },
  from: { paths: ['from'] },
  to: { paths: ['to'] },
};

export function subjectWords(e: AuditEvent): string {
  return e.subjectId === null ? e.subjectType : `${e.subjectType} ${e.subjectId}`;
}

export function actorWords(e: AuditEvent): string {
  if (e.actorEmail) return e.actorEmail;
  if (e.actorId) return `user ${e.actorId}`;
  return 'the system';
}
