/**
 * Verifying the audit trail as it is stored: every event in seq order through the chain verifier,
 * against the checkpoints recorded beside it and, optionally, a head the auditor kept from an
 * earlier run (the one defence against deleting the tail together with its checkpoints).
 */
import { createChainVerifier, type ChainVerification } from '../../core/audit/hash-chain.ts';
import type { ChainLink } from '../../core/audit/event.ts';
import { DomainError } from '../../core/errors.ts';
import { insertCheckpoint, listCheckpoints, readChainPage } from '../../store/audit-chain.ts';
import type { Db } from '../../store/database.ts';
import { chainPendingEvents, type ChainStore } from './chain-events.ts';

export interface VerifyTrailOptions {
  /** A head printed by an earlier verification (`seq:hash`): the chain must still hold it. */
  expectedHeads?: readonly ChainLink[];
  /** Record the verified head as a checkpoint (default true). */
  recordCheckpoint?: boolean;
  pageSize?: number;
  onProgress?: (verified: number) => void;
}

export type TrailVerification = ChainVerification & { checkpoints: number };

/** `12345:9f86d0…` → a link; the auditor's note of a head. */
export function parseChainLink(text: string): ChainLink {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new DomainError('invalid_input', `"${text}" is not a chain head: write it as SEQ:HASH (the hash is 64 hex digits), as "audit verify" prints it`);
  return { seq: Number(match[1]), hash: match[2]! };
}

export function formatChainLink(link: ChainLink): string {
  return `${link.seq}:${link.hash}`;
}

export async function verifyTrail(store: ChainStore & { db: Db }, options: VerifyTrailOptions = {}): Promise<TrailVerification> {
  await chainPendingEvents(store, { wait: true });
  const stored = await listCheckpoints(store.db);
  const checkpoints = [...stored, ...(options.expectedHeads ?? [])];
  const verifier = createChainVerifier({ checkpoints });
  const pageSize = options.pageSize ?? 5000;
  let after = 0;
  let verified = 0;
  for (;;) {
    const page = await readChainPage(store.db, after, pageSize);
    let broken = false;
    for (const event of page) {
      if (verifier.push(event)) {
        broken = true;
        break;
      }
    }
    verified += page.length;
    options.onProgress?.(verified);
    if (broken || page.length < pageSize) break;
    after = page.at(-1)!.seq;
  }
  const result = verifier.finish();
  if (result.ok && result.head && options.recordCheckpoint !== false) await insertCheckpoint(store.db, result.head);
  return { ...result, checkpoints: checkpoints.length };
}
