/**
 * Who may see an item, and through which pool. The hard limits hold here as in the claim: a pool
 * member sees an item only through a pool of theirs that may see it (clearance, region, language)
 * and that works on its project; an annotator, moreover, only while holding a task on it or after
 * finishing one. Anyone else gets the same "not found" as for an item that does not exist.
 */
import { notFound } from '../core/errors.ts';
import type { Item } from '../core/items.ts';
import { mayPoolSee } from '../core/routing/route-item.ts';
import type { Actor } from '../core/users.ts';
import { isStaff, type MemberRole } from '../core/work-contexts.ts';
import type { Pool } from '../core/workforce.ts';
import type { Db } from '../store/database.ts';
import { findItem, userHasWorkedOnItem } from '../store/items.ts';
import { poolIdsOfProject } from '../store/pools.ts';
import { actorCan } from './authenticate.ts';
import { membershipsFor, projectForActor } from './project-access.ts';
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

/** Whether the actor may see every annotation of the item, or only their own. */
export function seesAllAnnotations(actor: Actor, access: ItemAccess): boolean {
  if (actorCan(actor, 'review')) return true;
  // Experts adjudicate and pool reviewers review: both compare everyone's answers.
  return access.role === 'expert' || access.role === 'reviewer' || access.role === 'manager';
}

