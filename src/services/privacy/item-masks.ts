/**
 * A manager masks regions of an image (rectangles, polygons) before it goes to outside pools.
 * Saving a mask bumps its version and drops the renditions made from the previous one.
 */
import { DomainError, notFound, validationFailed } from '../../core/errors.ts';
import type { Actor } from '../../core/users.ts';
import type { FileStore } from '../../media/file-store.ts';
import { maskCoverage, type MaskRegion, regionsOffImage } from '../../media/mask-image.ts';
import type { Db } from '../../store/database.ts';
import { findItem } from '../../store/items.ts';
import { findItemMask, saveItemMask } from '../../store/privacy-masks.ts';
import { actorCan } from '../authenticate.ts';
import { projectForActor } from '../project-access.ts';
import { recordAudit } from '../audit/record.ts';
import { forgetRenditions } from './content-for-pool.ts';

export interface ItemMaskView {
  itemId: number;
  regions: MaskRegion[];
  /** 0: never masked. */
  version: number;
  updatedAt: Date | null;
}

/** The image, for a manager of its project; anyone else gets the not-found of a missing item. */
async function imageForManager(db: Db, actor: Actor, itemId: number) {
  const item = await findItem(db, itemId);
  if (!item || !actorCan(actor, 'manage_projects')) throw notFound('item', itemId);
  await projectForActor(db, actor, item.projectId).catch(() => {
    throw notFound('item', itemId);
  });
  if (item.kind !== 'image') throw new DomainError('invalid_input', `item ${itemId} is a text: mask images, redact texts`);
  return item;
}

export async function itemMaskFor(db: Db, actor: Actor, itemId: number): Promise<ItemMaskView> {
  const item = await imageForManager(db, actor, itemId);
  const mask = await findItemMask(db, item.id);
  return { itemId: item.id, regions: (mask?.regions ?? []) as MaskRegion[], version: mask?.version ?? 0, updatedAt: mask?.updatedAt ?? null };
}

/** Replaces the item's mask regions (in a transaction: the audit event goes with it). */
export async function saveItemMasks(tx: Db, files: FileStore, actor: Actor, itemId: number, regions: MaskRegion[]): Promise<ItemMaskView> {
  const item = await imageForManager(tx, actor, itemId);
  // Validates every region, naming the one at fault (nothing is painted at 0 × 0).
  maskCoverage(regions, 0, 0);
  if (item.width !== null && item.height !== null) {
    const off = regionsOffImage(regions, item.width, item.height);
    if (off.length > 0) throw validationFailed(off);
  }
  const version = await saveItemMask(tx, { projectId: item.projectId, itemId: item.id, regions, updatedBy: actor.user.id });
  await recordAudit(tx, actor, {
    action: 'policy.change',
    subjectType: 'item',
    subjectId: item.id,
    projectId: item.projectId,
    details: { masks: regions.length, version },
  });
  await forgetRenditions(files, item.id);
  return { itemId: item.id, regions, version, updatedAt: new Date() };
}
