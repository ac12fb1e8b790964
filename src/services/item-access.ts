/**
 * Who may see an item, and through which pool. The hard limits hold here as in the claim: a pool
 * member sees an item only through a pool of theirs that may see it (clearance, region, language)
 * and that works on its project; an annotator, moreover, only while holding a task on it or after
 * finishing one. Anyone else gets the same "not found" as for an item that does not exist.
 */
import { notFound } from '../core/errors.ts';
import type { Annotation, Item } from '../core/items.ts';
import { mayPoolSee } from '../core/routing/route-item.ts';
import type { Actor } from '../core/users.ts';
import { isStaff, type MemberRole } from '../core/work-contexts.ts';
import type { Pool } from '../core/workforce.ts';
import { itemAnnotationIdsDoneInPools, listItemAnnotations } from '../store/annotations.ts';
import type { Db } from '../store/database.ts';
import { findItem, userHasWorkedOnItem } from '../store/items.ts';
import { poolIdsOfProject } from '../store/pools.ts';
import { adjudicationRoutedTo } from '../store/tasks.ts';
import { actorCan } from './authenticate.ts';
import { membershipsFor, projectForActor } from './project-access.ts';
import { workScope } from './quality/work-scope.ts';
import type { WorkCache } from './work-cache.ts';

export interface ItemAccess {
  item: Item;
  /** The pool the actor sees it through; null for in-house staff outside any pool limit. */
  pool: Pool | null;
  /** The actor's role in that pool (null for staff). */
  role: MemberRole | null;
}

/** `known`: the item as just read with others (a queue's chunk), to spare a read per item. */
export async function itemAccessFor(db: Db, actor: Actor, itemId: number, cache?: WorkCache, known?: Item): Promise<ItemAccess> {
  const item = known?.id === itemId ? known : await findItem(db, itemId);
  if (!item) throw notFound('item', itemId);
  const opened = await projectForActor(db, actor, item.projectId, cache).catch(() => null);
  if (!opened) throw notFound('item', itemId);
  const project = opened;
  const memberships = await membershipsFor(db, actor, cache);
  const reviewer = actorCan(actor, 'review');
  // Qualification questions are open to those who take the qualification (within their pools' limits).
  const question = project.qualification?.itemIds.includes(item.id) ?? false;
  if (isStaff(actor.user.role, memberships)) {
    if (reviewer || question || (await userHasWorkedOnItem(db, item.projectId, item.id, actor.user.id))) return { item, pool: null, role: null };
    throw notFound('item', itemId);
  }
  const projectPools = cache ? await cache.projectPools(db, item.projectId) : new Set(await poolIdsOfProject(db, item.projectId));
  const through = memberships.filter((m) => (projectPools.has(m.pool.id) || m.pool.kind === 'in_house') && mayPoolSee(m.pool, item) === null);
  if (through.length === 0) throw notFound('item', itemId);
  const reviewing = through.find((m) => reviewer || m.role === 'reviewer' || m.role === 'manager' || m.role === 'expert');
  if (reviewing) return { item, pool: reviewing.pool, role: reviewing.role };
  if (question) return { item, pool: through[0]!.pool, role: through[0]!.role };
  if (await userHasWorkedOnItem(db, item.projectId, item.id, actor.user.id)) return { item, pool: through[0]!.pool, role: through[0]!.role };
  throw notFound('item', itemId);
}

export async function itemForActor(db: Db, actor: Actor, itemId: number, cache?: WorkCache): Promise<Item> {
  return (await itemAccessFor(db, actor, itemId, cache)).item;
}

/**
 * Whose answers of an item (its annotations: people's work) a reader may read, once they may see
 * the item:
 * - `own`: an annotator, their own only.
 * - `all`: staff who review, and members of in-house pools who review, manage or adjudicate: they
 *   check every workforce's work. Also the experts of an outside pool the item's adjudication is
 *   routed to: deciding an item takes everyone's answers of it (the adjudication screen shows them
 *   side by side to start the final label from), and the workflow routes an adjudication to a pool
 *   only when its experts are above everyone who worked on the item.
 * - `pools`: any other reviewer, manager or expert whose work scope is limited (members of outside
 *   pools only, work-scope.ts), such as a vendor's own reviewer or team lead: the work done in
 *   their pools, as their review queue and quality figures hold it. Another vendor's answers, or
 *   the in-house pilot's, are not theirs to read: their names, answers and agreement stay with
 *   their own pools, and reviewing them is refused (review-annotation.ts).
 */
export type AnswerReach = 'own' | 'all' | { pools: readonly number[] };

export async function answerReach(db: Db, actor: Actor, access: ItemAccess, cache?: WorkCache): Promise<AnswerReach> {
  const compares = actorCan(actor, 'review') || access.role === 'expert' || access.role === 'reviewer' || access.role === 'manager';
  if (!compares) return 'own';
  const scope = await workScope(db, actor, cache);
  if (scope === null) return 'all';
  const expertPools = (await membershipsFor(db, actor, cache)).filter((m) => m.role === 'expert').map((m) => m.pool.id);
  if (await adjudicationRoutedTo(db, access.item.projectId, access.item.id, expertPools)) return 'all';
  return { pools: scope.ids };
}

export interface ReadableAnswers {
  reach: AnswerReach;
  /** The item's annotations the reader may read (corrections included), oldest first. */
  annotations: Annotation[];
  /**
   * They are all of the item's annotations: what the workflow derived from every answer (the
   * consensus, its confidence, the agreement, why the item went on) tells the reader nothing more.
   */
  complete: boolean;
}

/**
 * The item's annotations the reader may read (answerReach). Model predictions are nobody's work:
 * a reader who compares answers gets them with the rest, as every reader of the item does from its
 * predictions.
 */
export async function readableAnnotations(db: Db, actor: Actor, access: ItemAccess, reach: AnswerReach): Promise<ReadableAnswers> {
  const { item } = access;
  const all = await listItemAnnotations(db, item.projectId, item.id);
  if (reach === 'all') return { reach, annotations: all, complete: true };
  const inPools = reach === 'own' ? new Set<number>() : await itemAnnotationIdsDoneInPools(db, item.projectId, item.id, reach.pools);
  const annotations = all.filter((a) => a.annotatorId === actor.user.id || inPools.has(a.id) || (reach !== 'own' && a.source === 'model'));
  return { reach, annotations, complete: annotations.length === all.length };
}
