/** Mask regions drawn by managers on images, versioned so that masked renditions can be cached. */
import type { Db } from './database.ts';

export interface StoredMask {
  itemId: number;
  projectId: number;
  /** As saved; the service checks them before saving. */
  regions: unknown[];
  version: number;
  updatedBy: number | null;
  updatedAt: Date;
}

export async function findItemMask(db: Db, itemId: number): Promise<StoredMask | null> {
  const row = await db.selectFrom('item_masks').selectAll().where('item_id', '=', itemId).executeTakeFirst();
  return row
    ? { itemId: row.item_id, projectId: row.project_id, regions: row.regions as unknown[], version: row.version, updatedBy: row.updated_by, updatedAt: row.updated_at }
    : null;
}

/** Saves the regions as the next version; returns it. */
export async function saveItemMask(db: Db, mask: { projectId: number; itemId: number; regions: unknown[]; updatedBy: number | null }): Promise<number> {
  const regions = JSON.stringify(mask.regions);
  const row = await db
    .insertInto('item_masks')
    .values({ project_id: mask.projectId, item_id: mask.itemId, regions, version: 1, updated_by: mask.updatedBy, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('item_id').doUpdateSet((eb) => ({
        regions,
        version: eb('item_masks.version', '+', 1),
        updated_by: mask.updatedBy,
        updated_at: new Date(),
      })),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** How many image items of a project carry masks (the data-protection report). */
export async function countMaskedItems(db: Db, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('item_masks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where((eb) => eb(eb.fn('jsonb_array_length', ['regions']), '>', 0))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
