/**
 * Who may read the audit trail and the data-protection reports: admins and auditors. An API token
 * must carry the `read_audit` scope (or `manage_users`, an admin's) when it has scopes at all.
 */
import { forbidden } from '../../core/errors.ts';
import type { Actor } from '../../core/users.ts';
import { tokenScopesRefusal } from '../authenticate.ts';

const AUDIT_ROLES: ReadonlySet<string> = new Set(['admin', 'auditor']);
const AUDIT_SCOPES: readonly string[] = ['read_audit', 'manage_users'];

export function mayReadAudit(actor: Actor): boolean {
  if (!AUDIT_ROLES.has(actor.user.role)) return false;
  const scopes = actor.scopes;
  return scopes === null || scopes.length === 0 || scopes.some((s) => AUDIT_SCOPES.includes(s));
}

export function requireAuditReader(actor: Actor): Actor {
  if (mayReadAudit(actor)) return actor;
  // The role may read it and only the token's scopes leave it out: say so, not "ask for a role".
  if (AUDIT_ROLES.has(actor.user.role)) throw tokenScopesRefusal(actor.scopes ?? [], 'read_audit');
  throw forbidden('the audit trail is for admins and auditors');
}
