/**
 * Typed helpers that record the acts the audit trail must hold, each in the caller's transaction
 * (so an event exists exactly when its act committed). Events carry ids and action names, never
 * content: erasing an item later never has to touch the trail.
 */
import type { AuditAction, AuditEventDraft, AuditId } from '../../core/audit/event.ts';
import type { Actor, User } from '../../core/users.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';

/** Who acted: a signed-in user or a program with their token, or the system itself (null). */
export type AuditActor = Actor | { user: { id: number; email: string | null }; via?: Actor['via']; sourceIp?: string | null } | null;

export interface AuditFields {
  action: AuditAction | (string & {});
  subjectType: string;
  subjectId: AuditId | null;
  projectId?: AuditId | null;
  poolId?: AuditId | null;
  details?: Record<string, unknown>;
  /** The actor's request address by default. */
  sourceIp?: string | null;
}

/** The address of the request the actor acts through; none for the system or a bare user. */
function sourceIpOf(actor: AuditActor): string | null {
  return actor !== null && 'sourceIp' in actor ? (actor.sourceIp ?? null) : null;
}

export function auditDraft(actor: AuditActor, fields: AuditFields, at: Date = new Date()): AuditEventDraft {
  // The command line acts as the system: no person is the actor, and the event says so.
  const system = actor !== null && 'via' in actor && actor.via === 'system';
  const via = actor && 'via' in actor && (actor.via === 'token' || system) ? { via: actor.via } : {};
  const details = fields.details || Object.keys(via).length > 0 ? { ...fields.details, ...via } : null;
  return {
    id: null,
    at: at.toISOString(),
    actorId: system ? null : (actor?.user.id ?? null),
    actorEmail: system ? null : (actor?.user.email ?? null),
    poolId: fields.poolId ?? null,
    action: fields.action,
    subjectType: fields.subjectType,
    subjectId: fields.subjectId,
    projectId: fields.projectId ?? null,
    sourceIp: fields.sourceIp !== undefined ? fields.sourceIp : sourceIpOf(actor),
    details,
  };
}

export function recordAudit(db: Db, actor: AuditActor, fields: AuditFields): Promise<void> {
  return recordAuditEvents(db, [auditDraft(actor, fields)]);
}

export function auditSignIn(db: Db, user: Pick<User, 'id' | 'email'>, sourceIp?: string | null): Promise<void> {
  return recordAudit(db, { user }, { action: 'auth.sign_in', subjectType: 'user', subjectId: user.id, sourceIp });
}

/** A refused sign-in: the user when the e-mail is known, otherwise only the reason. */
export function auditSignInFailed(
  db: Db,
  attempt: { user: Pick<User, 'id' | 'email'> | null; reason: 'wrong_credentials' | 'disabled' },
  sourceIp?: string | null,
): Promise<void> {
  return recordAudit(db, attempt.user ? { user: attempt.user } : null, {
    action: 'auth.sign_in_failed',
    subjectType: 'user',
    subjectId: attempt.user?.id ?? null,
    details: { reason: attempt.reason },
    sourceIp,
  });
}

export function auditSignOut(db: Db, user: Pick<User, 'id' | 'email'>, details: { sessions: number; everywhere?: boolean } = { sessions: 1 }, sourceIp?: string | null): Promise<void> {
  return recordAudit(db, { user }, { action: 'auth.sign_out', subjectType: 'user', subjectId: user.id, details, sourceIp });
}

export interface ItemReadFacts {
  itemId: number;
  projectId: number;
  /** The pool the reader works for; null for staff reading outside any pool. */
  poolId: number | null;
  /** What was read: the item (text and metadata), its content bytes, or its thumbnail. */
  part: 'item' | 'content' | 'thumbnail' | 'annotations';
  /** The text was redacted or the image masked for this pool. */
  redacted?: boolean;
}

/** A read of item content (the lead calls this from the item and task routes). */
export function auditItemRead(db: Db, actor: AuditActor, read: ItemReadFacts): Promise<void> {
  return recordAudit(db, actor, {
    action: read.redacted ? 'item.redacted_read' : 'item.read',
    subjectType: 'item',
    subjectId: read.itemId,
    projectId: read.projectId,
    poolId: read.poolId,
    details: { part: read.part },
  });
}

export function auditAnnotation(db: Db, actor: AuditActor, a: { annotationId: number; itemId: number; projectId: number; poolId?: number | null; supersedes?: number | null }): Promise<void> {
  return recordAudit(db, actor, {
    action: 'annotation.create',
    subjectType: 'annotation',
    subjectId: a.annotationId,
    projectId: a.projectId,
    poolId: a.poolId ?? null,
    details: { itemId: a.itemId, ...(a.supersedes ? { supersedes: a.supersedes } : {}) },
  });
}

export function auditReview(
  db: Db,
  actor: AuditActor,
  r: { reviewId: number; annotationId: number; itemId: number; projectId: number; decision: string; correctedAnnotationId: number | null },
): Promise<void> {
  return recordAudit(db, actor, {
    action: 'review.create',
    subjectType: 'review',
    subjectId: r.reviewId,
    projectId: r.projectId,
    details: { annotationId: r.annotationId, itemId: r.itemId, decision: r.decision, ...(r.correctedAnnotationId ? { correctedAnnotationId: r.correctedAnnotationId } : {}) },
  });
}

/** An export made (the data-io engineer calls this when an export job writes its file). */
export function auditExport(
  db: Db,
  actor: AuditActor,
  e: { exportId: number; projectId: number; format: string; selection?: string; items?: number; annotations?: number },
): Promise<void> {
  return recordAudit(db, actor, {
    action: 'export.create',
    subjectType: 'export',
    subjectId: e.exportId,
    projectId: e.projectId,
    details: { format: e.format, ...(e.selection ? { selection: e.selection } : {}), ...(e.items !== undefined ? { items: e.items } : {}), ...(e.annotations !== undefined ? { annotations: e.annotations } : {}) },
  });
}

export function auditImport(db: Db, actor: AuditActor, i: { importId: number; projectId: number; format: string; imported: number; rejected: number }): Promise<void> {
  return recordAudit(db, actor, {
    action: 'import.create',
    subjectType: 'import',
    subjectId: i.importId,
    projectId: i.projectId,
    details: { format: i.format, imported: i.imported, rejected: i.rejected },
  });
}

/** A routing policy, privacy setting or other project rule changed; `details` names what (no content). */
export function auditPolicyChange(db: Db, actor: AuditActor, projectId: number, details: Record<string, unknown>): Promise<void> {
  return recordAudit(db, actor, { action: 'policy.change', subjectType: 'project', subjectId: projectId, projectId, details });
}

/** A user joined, left, was paused in or changed role in a pool. */
export function auditMembershipChange(
  db: Db,
  actor: AuditActor,
  m: { poolId: number; userId: number; change: 'added' | 'removed' | 'role_changed' | 'paused' | 'resumed'; role?: string },
): Promise<void> {
  return recordAudit(db, actor, {
    action: 'membership.change',
    subjectType: 'user',
    subjectId: m.userId,
    poolId: m.poolId,
    details: { change: m.change, ...(m.role ? { role: m.role } : {}) },
  });
}

/** A pool created or changed (clearance, regions, kind...): `details` lists the changed fields. */
export function auditPoolChange(db: Db, actor: AuditActor, poolId: number, details: Record<string, unknown>): Promise<void> {
  return recordAudit(db, actor, { action: 'pool.change', subjectType: 'pool', subjectId: poolId, poolId, details });
}

export function auditUserChange(db: Db, actor: AuditActor, userId: number, details: Record<string, unknown>): Promise<void> {
  return recordAudit(db, actor, { action: 'user.change', subjectType: 'user', subjectId: userId, details });
}
