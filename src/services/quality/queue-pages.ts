/**
 * A page of the review queue and of the adjudication queue as one reader may see it: the items
 * within their pools' limits (walking on past the others, readable-queue.ts), each shaped for
 * their pool and its read audited (queue-entry.ts), and, for a vendor's own reviewer, only the
 * work of their pools (work-scope.ts). The caller checks the reader may open the project.
 */
import type { Annotation, Item } from '../../core/items.ts';
import type { Actor } from '../../core/users.ts';
import { listItemAnnotations } from '../../store/annotations.ts';
import type { Db } from '../../store/database.ts';
import { listReviewQueue } from '../../store/reviews.ts';
import { listUsers } from '../../store/users.ts';
import { itemsInStage } from '../../store/workflow.ts';
import { type ItemAccess, itemAccessFor, seesAllAnnotations } from '../item-access.ts';
import type { WorkCache } from '../work-cache.ts';
import { queueEntryForReader } from './queue-entry.ts';
import { readableQueuePage } from './readable-queue.ts';
import { annotationsInScope, workScope } from './work-scope.ts';

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

export interface QueuePage<E> {
  entries: E[];
  /** The walk stopped before the page was full: more the reader may see can wait further on. */
  cutShort: boolean;
}

/** Names the annotators of a list of annotations, each once (one read of the users per page). */
async function annotatorNamer(db: Db): Promise<(annotations: readonly Annotation[]) => QueueEntry['annotators']> {
  const names = new Map((await listUsers(db)).map((u) => [u.id, u.name]));
  return (annotations) =>
    [...new Set(annotations.map((a) => a.annotatorId).filter((id): id is number => id !== null))].map((id) => ({ id, name: names.get(id) ?? `user ${id}` }));
}

/** How many of a queue's items wait for this reader, counted up to the page size asked for. */
export interface QueueCount {
  waiting: number;
  /** At least `waiting`: the count stopped at the limit, or the walk was cut short. */
  atLeast: boolean;
}

/** A review queue entry the reader may see: the item's access and the annotations in their scope. */
async function reviewReading(db: Db, actor: Actor, cache: WorkCache) {
  const scope = await workScope(db, actor, cache);
  return async (entry: { itemId: number; annotations: Annotation[] }): Promise<{ access: ItemAccess; annotations: Annotation[] } | null> => {
    const access = await itemAccessFor(db, actor, entry.itemId, cache).catch(() => null);
    if (!access) return null;
    // A vendor's reviewer reviews their own pools' work, and sees no other vendor's.
    const annotations = await annotationsInScope(db, scope, entry.annotations);
    return annotations.length === 0 ? null : { access, annotations };
  };
}

/** Items the workflow sent to review with work waiting for a reviewer, oldest first. */
export async function reviewQueuePage(db: Db, input: QueuePageInput, cache: WorkCache): Promise<QueuePage<QueueEntry>> {
  const { actor } = input;
  const annotators = await annotatorNamer(db);
  const readable = await reviewReading(db, actor, cache);
  const page = await readableQueuePage({
    fetch: (after, size) => listReviewQueue(db, input.projectId, size, after),
    itemIdOf: (entry) => entry.itemId,
    read: async (entry): Promise<QueueEntry | null> => {
      const reading = await readable(entry);
      if (!reading) return null;
      const seen = await queueEntryForReader(db, actor, reading.access, reading.annotations);
      return { item: seen.item, annotations: seen.annotations, annotators: annotators(reading.annotations) };
    },
    limit: input.limit,
  });
  return { entries: page.entries, cutShort: page.cutShort };
}

/**
 * How many items wait for this reviewer (the review index). The same walk as the page, without
 * shaping the items or recording reads: nothing of them leaves the server.
 */
export async function reviewQueueCount(db: Db, input: QueuePageInput, cache: WorkCache): Promise<QueueCount> {
  const readable = await reviewReading(db, input.actor, cache);
  const page = await readableQueuePage({
    fetch: (after, size) => listReviewQueue(db, input.projectId, size, after),
    itemIdOf: (entry) => entry.itemId,
    read: async (entry) => ((await readable(entry)) ? entry.itemId : null),
    limit: input.limit,
  });
  return { waiting: page.entries.length, atLeast: page.cutShort || page.entries.length >= input.limit };
}

export interface AdjudicationEntry extends QueueEntry {
  /** Why the item went to the experts (low_agreement, gold_failed, review_rejected, edge_case). */
  reason: string | null;
  agreement: number | null;
}

/** An adjudication queue entry the reader may see: everyone's answers are for those who compare them. */
async function adjudicationReading(db: Db, actor: Actor, itemId: number, cache: WorkCache): Promise<ItemAccess | null> {
  const access = await itemAccessFor(db, actor, itemId, cache).catch(() => null);
  // An annotator who labelled the item reads only their own answer, through the item's routes.
  return access && seesAllAnnotations(actor, access) ? access : null;
}

/** Items with the experts, oldest first, with everyone's answers. */
export async function adjudicationQueuePage(db: Db, input: QueuePageInput, cache: WorkCache): Promise<QueuePage<AdjudicationEntry>> {
  const { actor } = input;
  const annotators = await annotatorNamer(db);
  const page = await readableQueuePage({
    fetch: (after, size) => itemsInStage(db, input.projectId, 'adjudication', size, after),
    itemIdOf: (state) => state.itemId,
    read: async (state): Promise<AdjudicationEntry | null> => {
      const access = await adjudicationReading(db, actor, state.itemId, cache);
      if (!access) return null;
      const annotations = (await listItemAnnotations(db, input.projectId, state.itemId)).filter((a) => a.source === 'human');
      const seen = await queueEntryForReader(db, actor, access, annotations);
      return { item: seen.item, annotations: seen.annotations, annotators: annotators(annotations), reason: state.reason, agreement: state.agreement };
    },
    limit: input.limit,
  });
  return { entries: page.entries, cutShort: page.cutShort };
}

/** How many items wait for this expert (the adjudication index); nothing of them is read. */
export async function adjudicationQueueCount(db: Db, input: QueuePageInput, cache: WorkCache): Promise<QueueCount> {
  const page = await readableQueuePage({
    fetch: (after, size) => itemsInStage(db, input.projectId, 'adjudication', size, after),
    itemIdOf: (state) => state.itemId,
    read: async (state) => ((await adjudicationReading(db, input.actor, state.itemId, cache)) ? state.itemId : null),
    limit: input.limit,
  });
  return { waiting: page.entries.length, atLeast: page.cutShort || page.entries.length >= input.limit };
}
