/**
 * The chainer: moves events from the outbox into the hash-chained trail, a batch per transaction,
 * under the chain's advisory lock. Every server runs it on a short timer; `audit verify` and
 * `audit export` run it once first, so that what they read is complete.
 */
import type { AuditEvent, ChainLink } from '../../core/audit/event.ts';
import { appendEvent } from '../../core/audit/hash-chain.ts';
import { chainHead, deleteOutboxRows, insertChainedEvents, insertCheckpoint, latestCheckpoint, lockChain, takeOutboxBatch } from '../../store/audit-chain.ts';
import type { Db } from '../../store/database.ts';
import { type Repeating, repeatEvery } from './repeat.ts';

export interface ChainStore {
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export interface ChainBatchResult {
  /** Events moved into the trail by this batch. */
  chained: number;
  head: ChainLink | null;
  /** False when another server held the lock and `wait` was off: nothing was done. */
  ran: boolean;
}

export interface ChainOptions {
  batchSize?: number;
  /** Wait for the lock (verify, export) rather than skip the turn (the timer). */
  wait?: boolean;
  /** A checkpoint is recorded after a batch when the last one is older than this. */
  checkpointEveryMs?: number;
  now?: () => Date;
}

const DEFAULT_BATCH = 1000;
const DEFAULT_CHECKPOINT_MS = 60_000;

/** One batch, in one transaction. */
export async function chainOneBatch(store: ChainStore, options: ChainOptions = {}): Promise<ChainBatchResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const now = options.now ?? (() => new Date());
  return store.transaction(async (tx) => {
    if (!(await lockChain(tx, options.wait ?? false))) return { chained: 0, head: null, ran: false };
    let head = await chainHead(tx);
    const batch = await takeOutboxBatch(tx, batchSize);
    if (batch.length === 0) return { chained: 0, head, ran: true };
    const events: AuditEvent[] = [];
    for (const entry of batch) {
      const event = appendEvent(head, entry.draft);
      events.push(event);
      head = { seq: event.seq, hash: event.hash };
    }
    await insertChainedEvents(tx, events);
    await deleteOutboxRows(tx, batch.map((e) => e.outboxId));
    const last = await latestCheckpoint(tx);
    if (!last || now().getTime() - last.at.getTime() >= (options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_MS)) await insertCheckpoint(tx, head!);
    return { chained: events.length, head, ran: true };
  });
}

/** Batches until the outbox is empty (or another server holds the lock and `wait` is off). */
export async function chainPendingEvents(store: ChainStore, options: ChainOptions = {}): Promise<{ chained: number; head: ChainLink | null }> {
  let chained = 0;
  let head: ChainLink | null = null;
  for (;;) {
    const result = await chainOneBatch(store, options);
    if (!result.ran) return { chained, head };
    chained += result.chained;
    head = result.head;
    if (result.chained < (options.batchSize ?? DEFAULT_BATCH)) return { chained, head };
  }
}

/** Chains on a timer (every second by default) until stopped. */
export function startChainer(store: ChainStore, options: ChainOptions & { intervalMs?: number; onError?: (error: unknown) => void } = {}): Repeating {
  return repeatEvery(options.intervalMs ?? 1000, () => chainPendingEvents(store, { ...options, wait: false }), options.onError);
}
