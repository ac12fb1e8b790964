/**
 * Audit events: who did what to which data, from where. Events form a hash chain: each one carries
 * the hash of the event before it, so a changed, deleted, inserted or reordered row breaks the
 * chain at that row.
 */

/** Ids may come back from the database as numbers or strings (`bigint`); the hash reads both alike. */
export type AuditId = string | number;

export interface AuditEvent {
  /** 1, 2, 3 ... without gaps: the position in the chain. */
  seq: number;
  /** Covered by the hash: set it before hashing (e.g. a UUID) or leave it null. */
  id?: string | null;
  /** ISO 8601 instant, e.g. `2024-03-15T14:32:07.123Z`. */
  at: string;
  /** null for the system itself, or a failed sign-in of an unknown user. */
  actorId: AuditId | null;
  actorEmail?: string | null;
  poolId?: AuditId | null;
  action: AuditAction | (string & {});
  /** What was acted on: `item`, `annotation`, `project`, `pool`, `user`, `export`... */
  subjectType: string;
  subjectId: AuditId | null;
  projectId?: AuditId | null;
  sourceIp?: string | null;
  /** Anything else worth keeping, as JSON (never the PII itself). */
  details?: unknown;
  /** Hash of the previous event; GENESIS_HASH for seq 1. */
  prevHash: string;
  /** SHA-256 (hex) of this event's canonical form, prevHash included. */
  hash: string;
}

/** What the caller supplies; the chain supplies seq, prevHash and hash. */
export type AuditEventDraft = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

/** The actions the issue names, as the services record them. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'item.read',
  'item.redacted_read',
  'annotation.create',
  'review.create',
  'export.create',
  'import.create',
  'policy.change',
  'membership.change',
  'pool.change',
  'user.change',
  'erasure.run',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The prevHash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The last link of a chain (or of a verified prefix): enough to append to or check against it. */
export interface ChainLink {
  seq: number;
  hash: string;
}
