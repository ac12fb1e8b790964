/**
 * The audit trail for an auditor: a contiguous run of the chain as JSON Lines, one event per line
 * with its seq, prevHash and hash, so that the file verifies on its own (`audit verify --file`)
 * and its last hash can be compared with the live chain's.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuditEvent, ChainLink } from '../../core/audit/event.ts';
import { createChainVerifier, type ChainVerification } from '../../core/audit/hash-chain.ts';
import { DomainError } from '../../core/errors.ts';
import { readSeqRange, seqRangeOf } from '../../store/audit-search.ts';
import type { Db } from '../../store/database.ts';
import { chainPendingEvents, type ChainStore } from './chain-events.ts';

export interface TrailExport {
  events: number;
  /** The link before the first exported event (the file verifies from it), and the last link. */
  after: ChainLink | null;
  last: ChainLink | null;
}

export interface ExportTrailOptions {
  from?: Date | null;
  to?: Date | null;
  pageSize?: number;
}

/** Writes the events of [from, to) (and those chained between them) through `write`, one line each. */
export async function exportTrail(store: ChainStore & { db: Db }, options: ExportTrailOptions, write: (line: string) => Promise<void> | void): Promise<TrailExport> {
  await chainPendingEvents(store, { wait: true });
  const range = await seqRangeOf(store.db, options.from ?? null, options.to ?? null);
  if (!range) return { events: 0, after: null, last: null };
  const pageSize = options.pageSize ?? 5000;
  let afterSeq = range.first - 1;
  let events = 0;
  let after: ChainLink | null = null;
  let last: ChainLink | null = null;
  for (;;) {
    const page = await readSeqRange(store.db, range.first, range.last, afterSeq, pageSize);
    for (const event of page) {
      if (!after) after = { seq: event.seq - 1, hash: event.prevHash };
      await write(`${JSON.stringify(event)}\n`);
      last = { seq: event.seq, hash: event.hash };
      events++;
    }
    if (page.length < pageSize) break;
    afterSeq = page.at(-1)!.seq;
  }
  return { events, after, last };
}

/**
 * Verifies an exported file on its own: every line an event, each linked to the one before, the
 * first one to the prevHash it carries. It proves the file is an unbroken run of some chain; its
 * last link, compared with the live trail, proves which.
 */
export async function verifyExportFile(path: string): Promise<ChainVerification & { first: ChainLink | null }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let verifier: ReturnType<typeof createChainVerifier> | null = null;
  let first: ChainLink | null = null;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let event: AuditEvent;
    try {
      event = JSON.parse(line) as AuditEvent;
    } catch (error) {
      throw new DomainError('invalid_input', `${path} line ${lineNo}: not JSON (${(error as Error).message})`);
    }
    if (!verifier) {
      first = { seq: Number(event.seq), hash: event.hash };
      verifier = createChainVerifier({ after: { seq: Number(event.seq) - 1, hash: event.prevHash } });
    }
    if (verifier.push(event)) break;
  }
  if (!verifier) return { ok: true, count: 0, head: null, first: null };
  return { ...verifier.finish(), first };
}
