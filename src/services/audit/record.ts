/**
 * Typed helpers that record the acts the audit trail must hold, each in the caller's transaction
 * (so an event exists exactly when its act committed). Events carry ids and action names, never
 * content: erasing an item later never has to touch the trail.
 */
import type { AuditAction, AuditEventDraft, AuditId } from '../../core/audit/event.ts';
import type { Actor, User } from '../../core/users.ts';
import { recordAuditEvents } from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';
import { findUserById } from '../../store/users.ts';

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

/**
 * Who a piece of work was done for, from a user id alone (a background job, an import): the user,
 * or the command line acting as the system when there is none (an event that says `via: system`
 * rather than one no-one can tell from the system's own).
 */
export async function actorOfUserId(db: Db, userId: number | null, sourceIp: string | null = null): Promise<AuditActor> {
  if (userId === null) return { user: { id: 0, email: null }, via: 'system' };
  return { user: { id: userId, email: (await findUserById(db, userId))?.email ?? null }, sourceIp };
}

/** What an export held and how it was chosen: the filters say which part of the project left. */
export interface ExportFacts {
  exportId: number;
  projectId: number;
  format: string;
  selection?: string;
  /** Only the filters given (status, from, to, labels, annotators, pools). */
  filters?: Record<string, unknown>;
  items?: number;
  annotations?: number;
  bytes?: number;
}

function exportDetails(e: ExportFacts): Record<string, unknown> {
  const filters = e.filters ? Object.fromEntries(Object.entries(e.filters).filter(([, v]) => v !== undefined)) : undefined;
  return {
    format: e.format,
    ...(e.selection ? { selection: e.selection } : {}),
    ...(filters && Object.keys(filters).length > 0 ? { filters } : {}),
    ...(e.items !== undefined ? { items: e.items } : {}),
    ...(e.annotations !== undefined ? { annotations: e.annotations } : {}),
    ...(e.bytes !== undefined ? { bytes: e.bytes } : {}),
  };
}

/** An export written (by its job, for the web app or the command line), in the job's finishing transaction. */
export function auditExport(db: Db, actor: AuditActor, e: ExportFacts): Promise<void> {
  return recordAudit(db, actor, { action: 'export.create', subjectType: 'export', subjectId: e.exportId, projectId: e.projectId, details: exportDetails(e) });
}

/** An export's file downloaded: the data leaves Atelier here, and possibly more than once. */
export function auditExportDownload(db: Db, actor: AuditActor, e: Pick<ExportFacts, 'exportId' | 'projectId' | 'format' | 'selection' | 'bytes'>): Promise<void> {
  return recordAudit(db, actor, { action: 'export.download', subjectType: 'export', subjectId: e.exportId, projectId: e.projectId, details: exportDetails(e) });
}

export interface ImportFacts {
  importId: number;
  projectId: number;
  format: string;
  /** Records (items, or annotation records) imported and left out. */
  imported: number;
  rejected: number;
  /** Annotation imports: what the records became. */
  itemsCreated?: number;
  itemsMatched?: number;
  annotations?: number;
  predictions?: number;
  reviews?: number;
}

export function auditImport(db: Db, actor: AuditActor, i: ImportFacts): Promise<void> {
  const { importId, projectId, ...details } = i;
  return recordAudit(db, actor, { action: 'import.create', subjectType: 'import', subjectId: importId, projectId, details });
}

/** A routing policy, privacy setting or other project rule changed; `details` names what (no content). */
export function auditPolicyChange(db: Db, actor: AuditActor, projectId: number, details: Record<string, unknown>): Promise<void> {
  return recordAudit(db, actor, { action: 'policy.change', subjectType: 'project', subjectId: projectId, projectId, details });
}

/** The top-level fields whose values differ: what a settings change names (never the values). */
export function changedFields(before: object, after: object): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

/** The QA policy saved (review rates, adjudication triggers, gold rate, pause bar): a project rule. */
export function auditQaPolicyChange(db: Db, actor: AuditActor, projectId: number, before: object, after: object): Promise<void> {
  return auditPolicyChange(db, actor, projectId, { qaPolicy: changedFields(before, after) });
}

/**
 * What newcomers must do changed (guidelines acknowledgement, qualification): a project rule too.
 * The qualification is named by its size, pass mark and pools, not its items' answers.
 */
export function auditOnboardingChange(
  db: Db,
  actor: AuditActor,
  projectId: number,
  settings: { requireGuidelinesAck?: boolean; qualification?: { itemIds: number[]; passMark: number; appliesTo: string[] } | null },
): Promise<void> {
  const q = settings.qualification;
  return auditPolicyChange(db, actor, projectId, {
    onboarding: {
      ...(settings.requireGuidelinesAck !== undefined ? { requireGuidelinesAck: settings.requireGuidelinesAck } : {}),
      ...(q !== undefined ? { qualification: q === null ? null : { items: q.itemIds.length, passMark: q.passMark, appliesTo: q.appliesTo } } : {}),
    },
  });
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
