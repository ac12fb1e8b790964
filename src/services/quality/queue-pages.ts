/**
 * A page of the review queue and of the adjudication queue as one reader may see it: the items
 * within their pools' limits (walking on past the others, readable-queue.ts), each shaped for
 * their pool and its read audited (queue-entry.ts), and, for a vendor's own reviewer, only the
 * work of their pools (work-scope.ts). The adjudication count is of what the reader could claim.
 * The caller checks the reader may open the project.
 */
import type { ReviewDecision } from '../../core/reviews.ts';
import type { Annotation, Item } from '../../core/items.ts';
import type { Actor } from '../../core/users.ts';
import { stageWorkContexts } from '../../core/work-contexts.ts';
import { findItems } from '../../store/items.ts';
import type { Db } from '../../store/database.ts';
import { listReviewQueue } from '../../store/reviews.ts';
import { countClaimable } from '../../store/task-claims.ts';
import { listUsers } from '../../store/users.ts';
import type { ItemState } from '../../store/item-states.ts';
import { itemsInStage } from '../../store/stage-counts.ts';
import { answerReach, type ItemAccess, itemAccessFor, readableAnnotations } from '../item-access.ts';
import { membershipsFor } from '../project-access.ts';
import type { WorkCache } from '../work-cache.ts';
import { queueEntryForReader } from './queue-entry.ts';
import { type ReadableQueuePage, readableQueuePage } from './readable-queue.ts';
import { workScope } from './work-scope.ts';

export interface QueuePageInput {
  actor: Actor;
  projectId: number;
  /** The most entries on the page. */
  limit: number;
}

export interface QueueEntry {
  item: Item;
  annotations: Annotation[];
  annotators: { id: number; name: string }[];
}

export interface AdjudicationEntry extends QueueEntry {
  /** Why the item went to the experts (low_agreement, gold_failed, review_rejected, edge_case). */
  reason: string | null;
  agreement: number | null;
}

/** How many of a queue's items wait for this reader, counted up to the page size asked for. */
export interface QueueCount {
  waiting: number;
  /** At least `waiting`: the count stopped at the limit, or the walk was cut short. */
  atLeast: boolean;
}

/** Names the annotators of a list of annotations, each once (one read of the users per page). */
async function annotatorNamer(db: Db): Promise<(annotations: readonly Annotation[]) => QueueEntry['annotators']> {
  const names = new Map((await listUsers(db)).map((u) => [u.id, u.name]));
  return (annotations) =>
    [...new Set(annotations.map((a) => a.annotatorId).filter((id): id is number => id !== null))].map((id) => ({ id, name: names.get(id) ?? `user ${id}` }));
}

/**
 * A queue's chunks with their items read in one query: a reader who may see few of them would
 * otherwise pay a read per entry for the access check (a walk of 1,000 hidden entries at 1,000,000
 * annotations: 337 ms read by entry, 110 ms by chunk on PostgreSQL; 633 and 213 ms embedded).
 */
type WithItem<E> = E & { item: Item | undefined };

function withItems<E extends { itemId: number }>(db: Db, fetch: (after: number | null, size: number) => Promise<E[]>) {
  return async (after: number | null, size: number): Promise<WithItem<E>[]> => {
    const chunk = await fetch(after, size);
    const items = await findItems(db, chunk.map((e) => e.itemId));
    return chunk.map((e) => ({ ...e, item: items.get(e.itemId) }));
  };
}

/** A count is a page whose entries are not shaped: nothing of them leaves the server or is recorded as read. */
function countOf(page: ReadableQueuePage<unknown>, limit: number): QueueCount {
  return { waiting: page.entries.length, atLeast: page.cutShort || page.entries.length >= limit };
}

type ReviewQueueEntry = { itemId: number; annotations: Annotation[]; decided: Map<number, ReviewDecision> };

/**
 * The review queue walked for one reader: `read` gets each entry they may see, with its access.
 * For a vendor's reviewer the queue holds only items where their own pools' work waits, with only
 * that work (the store filters it, so an item whose vendor work was reviewed leaves their queue).
 */
async function walkReviewQueue<R>(db: Db, input: QueuePageInput, cache: WorkCache, read: (entry: ReviewQueueEntry, access: ItemAccess) => Promise<R>) {
  const scope = await workScope(db, input.actor, cache);
  return readableQueuePage<WithItem<ReviewQueueEntry>, R>({
    fetch: withItems(db, (after, size) => listReviewQueue(db, input.projectId, size, after, scope?.ids ?? null)),
    itemIdOf: (entry) => entry.itemId,
    read: async (entry) => {
      const access = await itemAccessFor(db, input.actor, entry.itemId, cache, entry.item).catch(() => null);
      return access ? read(entry, access) : null;
    },
    limit: input.limit,
  });
}

/** Items the workflow sent to review with work waiting for a reviewer, oldest first. */
/** An item waiting for review, with the decisions reviewers made on some of its annotations already. */
export interface ReviewEntry extends QueueEntry {
  decided: { annotationId: number; decision: ReviewDecision }[];
}

export async function reviewQueuePage(db: Db, input: QueuePageInput, cache: WorkCache): Promise<ReadableQueuePage<ReviewEntry>> {
  const annotators = await annotatorNamer(db);
  return walkReviewQueue(db, input, cache, async (entry, access) => {
    const seen = await queueEntryForReader(db, input.actor, access, entry.annotations);
    const decided = [...entry.decided].map(([annotationId, decision]) => ({ annotationId, decision }));
    return { item: seen.item, annotations: seen.annotations, annotators: annotators(entry.annotations), decided };
  });
}

/** How many items wait for this reviewer (the review index). */
export async function reviewQueueCount(db: Db, input: QueuePageInput, cache: WorkCache): Promise<QueueCount> {
  return countOf(await walkReviewQueue(db, input, cache, async (entry) => entry.itemId), input.limit);
}

/**
 * Items with the experts, oldest first, with the answers the reader may read (item-access.ts):
 * everyone's for those who compare them (in-house experts and reviewers, staff, the experts of the
 * pool an item is routed to); for a vendor's own reviewer or team lead the items where their pools'
 * work is, with that work only, and not why the item went on nor its agreement, which come from
 * every answer (item-state-for-reader.ts). An annotator who labelled an item reads only their own,
 * through its routes.
 */
export async function adjudicationQueuePage(db: Db, input: QueuePageInput, cache: WorkCache): Promise<ReadableQueuePage<AdjudicationEntry>> {
  const annotators = await annotatorNamer(db);
  return readableQueuePage<WithItem<ItemState>, AdjudicationEntry>({
    fetch: withItems(db, (after, size) => itemsInStage(db, input.projectId, 'adjudication', size, after)),
    itemIdOf: (state) => state.itemId,
    read: async (state) => {
      const access = await itemAccessFor(db, input.actor, state.itemId, cache, state.item).catch(() => null);
      if (!access) return null;
      const reach = await answerReach(db, input.actor, access, cache);
      if (reach === 'own') return null;
      const readable = await readableAnnotations(db, input.actor, access, reach);
      // Imported labels are answers too: an item an import sent to the experts has no others.
      const annotations = readable.annotations.filter((a) => a.source !== 'model');
      if (annotations.length === 0 && reach !== 'all') return null;
      const seen = await queueEntryForReader(db, input.actor, access, annotations);
      const derived = readable.complete ? { reason: state.reason, agreement: state.agreement } : { reason: null, agreement: null };
      return { item: seen.item, annotations: seen.annotations, annotators: annotators(annotations), ...derived };
    },
    limit: input.limit,
  });
}

/**
 * How many items wait for this expert (the adjudication index): what their next claims would hand
 * them, not every item in adjudication they may read. An in-house expert reads the items a vendor's
 * experts adjudicate, but could never take one, and a count promising them would lead nowhere.
 */
export async function adjudicationQueueCount(db: Db, input: QueuePageInput, cache: WorkCache): Promise<QueueCount> {
  const contexts = stageWorkContexts('adjudicate', input.actor.user.role, await membershipsFor(db, input.actor, cache));
  const claimable = { projectId: input.projectId, userId: input.actor.user.id, contexts, stage: 'adjudicate' as const, overlap: 1, held: true };
  const waiting = await countClaimable(db, claimable, input.limit);
  return { waiting, atLeast: waiting >= input.limit };
}
