/**
 * Who may see an item. Managers and reviewers see the items of the projects they see; an annotator
 * sees an item only while they hold a task on it or after they finished one. Anyone else gets the
 * same "not found" as for an item that does not exist, so ids reveal nothing.
 */
import { notFound } from '../core/errors.ts';
import type { Item } from '../core/items.ts';
import type { Actor } from '../core/users.ts';
import type { Db } from '../store/database.ts';
import { findItem, userHasWorkedOnItem } from '../store/items.ts';
import { actorCan } from './authenticate.ts';
import { projectForActor } from './project-access.ts';

export async function itemForActor(db: Db, actor: Actor, itemId: number): Promise<Item> {
  const item = await findItem(db, itemId);
  if (!item) throw notFound('item', itemId);
  await projectForActor(db, actor, item.projectId).catch(() => {
    throw notFound('item', itemId);
  });
  if (actorCan(actor, 'review')) return item;
  if (await userHasWorkedOnItem(db, item.projectId, item.id, actor.user.id)) return item;
  throw notFound('item', itemId);
}

/** Whether the actor may see every annotation of the item, or only their own. */
export function seesAllAnnotations(actor: Actor): boolean {
  return actorCan(actor, 'review');
}
