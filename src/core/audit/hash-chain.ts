import { createHash } from 'node:crypto';
import { validationFailed, type FieldIssue } from '../errors.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, type AuditEvent, type AuditEventDraft, type AuditId, type ChainLink } from './event.ts';

/**
 * The audit hash chain: hashing an event, appending to the chain, and verifying a chain read back
 * in seq order, naming the first broken link.
 */

const HASH = /^[0-9a-f]{64}$/;

/** One instant, one text: a Date read back from `timestamptz` hashes like the string written. */
function instantText(at: unknown): string {
  const date = at instanceof Date ? at : typeof at === 'string' ? new Date(at) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : String(at);
}

const idText = (id: AuditId | null | undefined): string | null => (id === null || id === undefined ? null : String(id));

/** Every field but `hash`, absent optional fields as null, ids as text. */
function canonicalForm(prevHash: string, event: Omit<AuditEvent, 'prevHash' | 'hash'>): string {
  return canonicalJson({
    seq: Number(event.seq),
    id: event.id ?? null,
    at: instantText(event.at),
    actorId: idText(event.actorId),
    actorEmail: event.actorEmail ?? null,
    poolId: idText(event.poolId),
    action: event.action,
    subjectType: event.subjectType,
    subjectId: idText(event.subjectId),
    projectId: idText(event.projectId),
    sourceIp: event.sourceIp ?? null,
    details: event.details ?? null,
    prevHash,
  });
}

/** SHA-256 (hex) of the event's canonical form chained to `prevHash`. */
export function hashEvent(prevHash: string, event: Omit<AuditEvent, 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(canonicalForm(prevHash, event), 'utf8').digest('hex');
}

function draftIssues(draft: AuditEventDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof draft.at !== 'string' || Number.isNaN(new Date(draft.at).getTime())) issues.push({ path: 'at', message: 'must be an ISO 8601 instant' });
  if (typeof draft.action !== 'string' || draft.action === '') issues.push({ path: 'action', message: 'must be a non-empty string' });
  if (typeof draft.subjectType !== 'string' || draft.subjectType === '') issues.push({ path: 'subjectType', message: 'must be a non-empty string' });
  try {
    canonicalJson(draft.details ?? null);
  } catch (e) {
    issues.push({ path: 'details', message: (e as Error).message });
  }
  return issues;
}

/** The next event of the chain whose last link is `previous` (null for an empty chain). */
export function appendEvent(previous: ChainLink | null, draft: AuditEventDraft): AuditEvent {
  const issues = draftIssues(draft);
  if (issues.length > 0) throw validationFailed(issues);
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const body = { ...draft, at: instantText(draft.at), seq: (previous?.seq ?? 0) + 1 };
  return { ...body, prevHash, hash: hashEvent(prevHash, body) };
}

export type ChainBreakReason =
  | 'malformed' // a field that cannot be part of a valid event (seq not an integer, hash not hex)
  | 'sequence_gap' // seq jumps forward: events were deleted
  | 'sequence_out_of_order' // seq goes back or repeats: events were reordered or inserted
  | 'prev_hash_mismatch' // the link to the previous event does not hold
  | 'hash_mismatch' // the event's content does not match its hash: it was changed
  | 'truncated' // a checkpoint the chain should reach is missing: its tail was deleted
  | 'checkpoint_mismatch'; // the event at a checkpoint's seq has another hash

export interface ChainBreak {
  seq: number;
  id: string | null;
  reason: ChainBreakReason;
  message: string;
}

export type ChainVerification =
  | { ok: true; count: number; head: ChainLink | null }
  | { ok: false; count: number; brokenAt: ChainBreak };

export interface VerifyOptions {
  /** The link just before the first event given, to verify part of a chain; genesis by default. */
  after?: ChainLink;
  /** Links recorded elsewhere (e.g. the head at the last verification): the chain must still hold them. */
  checkpoints?: readonly ChainLink[];
}

export interface ChainVerifier {
  /** Check the next event; returns the break once there is one (and keeps returning it). */
  push(event: AuditEvent): ChainBreak | null;
  finish(): ChainVerification;
}

/** A verifier fed one event at a time, for chains streamed from the database in seq order. */
export function createChainVerifier(options: VerifyOptions = {}): ChainVerifier {
  let last: ChainLink = options.after ?? { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  let broken: ChainBreak | null = null;
  const checkpoints = new Map((options.checkpoints ?? []).map((c) => [c.seq, c.hash]));

  const check = (event: AuditEvent): ChainBreak | null => {
    const seq = Number(event.seq);
    const at = (reason: ChainBreakReason, message: string): ChainBreak => ({
      seq: Number.isFinite(seq) ? seq : last.seq + 1,
      id: event.id ?? null,
      reason,
      message,
    });
    if (!Number.isInteger(seq) || seq < 1) return at('malformed', `event after seq ${last.seq} has seq ${String(event.seq)}`);
    if (typeof event.hash !== 'string' || !HASH.test(event.hash) || typeof event.prevHash !== 'string' || !HASH.test(event.prevHash)) {
      return at('malformed', `event ${seq}: hash and prevHash must be 64 lower-case hex digits`);
    }
    const expected = last.seq + 1;
    if (seq > expected) return at('sequence_gap', `event ${seq} follows event ${last.seq}: ${seq - expected} event(s) missing`);
    if (seq < expected) return at('sequence_out_of_order', `event ${seq} comes after event ${last.seq}: reordered or inserted`);
    if (event.prevHash !== last.hash) return at('prev_hash_mismatch', `event ${seq} does not link to event ${last.seq}`);
    if (hashEvent(event.prevHash, event) !== event.hash) return at('hash_mismatch', `event ${seq} was changed after it was written`);
    const checkpoint = checkpoints.get(seq);
    if (checkpoint !== undefined && checkpoint !== event.hash) return at('checkpoint_mismatch', `event ${seq} differs from the recorded checkpoint`);
    return null;
  };

  return {
    push(event) {
      if (broken) return broken;
      broken = check(event);
      if (!broken) {
        last = { seq: Number(event.seq), hash: event.hash };
        count++;
      }
      return broken;
    },
    finish() {
      if (broken) return { ok: false, count, brokenAt: broken };
      const unreached = [...checkpoints.keys()].filter((seq) => seq > last.seq).sort((a, b) => a - b)[0];
      if (unreached !== undefined) {
        const missing = last.seq + 1;
        const message = `the chain ends at event ${last.seq} but a checkpoint records event ${unreached}: events ${missing}..${unreached} or later were deleted`;
        return { ok: false, count, brokenAt: { seq: missing, id: null, reason: 'truncated', message } };
      }
      return { ok: true, count, head: count === 0 && !options.after ? null : last };
    },
  };
}

/** Verify events given in seq order; the first broken link is named. */
export function verifyChain(events: Iterable<AuditEvent>, options: VerifyOptions = {}): ChainVerification {
  const verifier = createChainVerifier(options);
  for (const event of events) if (verifier.push(event)) break;
  return verifier.finish();
}
