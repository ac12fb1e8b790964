/**
 * The bytes of an item as one pool may receive them. Outside pools (the kinds the project names)
 * only ever receive images re-encoded from decoded pixels with the manager's masks painted in —
 * never the stored file, whose metadata (EXIF location, embedded thumbnail) would travel with it —
 * and texts with PII replaced when the project says so. Masked renditions are cached per item and
 * mask version in the files folder's `masked/` area; erasure removes them.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { DomainError } from '../../core/errors.ts';
import type { Item } from '../../core/items.ts';
import type { FileStore } from '../../media/file-store.ts';
import { makeThumbnail } from '../../media/images.ts';
import { maskImage, type MaskRegion } from '../../media/mask-image.ts';
import type { Db } from '../../store/database.ts';
import { findItemMask } from '../../store/privacy-masks.ts';
import { type ItemContent, readItemContent, readItemThumbnail } from '../item-content.ts';
import { privacySettingsOf } from './project-privacy.ts';
import { type Audience, masksFor, type PrivacySettings } from './privacy-settings.ts';
import { textForPool } from './text-for-pool.ts';

export interface PoolContent extends ItemContent {
  /** The image was re-encoded for the pool (masks painted in, if any). */
  masked: boolean;
  /** The text had PII replaced. */
  redacted: boolean;
}

export const MASKED_DIR = 'masked';

/** The re-encoded format for a stored type: masking keeps PNG, JPEG and WebP, turns the rest into PNG. */
function renditionFormat(mimeType: string | null): { ext: string; mimeType: string } {
  if (mimeType === 'image/jpeg') return { ext: 'jpg', mimeType };
  if (mimeType === 'image/webp') return { ext: 'webp', mimeType };
  return { ext: 'png', mimeType: 'image/png' };
}

function renditionPath(files: FileStore, itemId: number, version: number, suffix: string): string {
  return files.resolve(join(MASKED_DIR, `${itemId}-v${version}${suffix}`));
}

async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}

/** Removes every cached rendition of the item (a mask changed, or the item is erased). */
export async function forgetRenditions(files: FileStore, itemId: number): Promise<number> {
  const dir = files.resolve(MASKED_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const mine = names.filter((n) => n.startsWith(`${itemId}-v`));
  await Promise.all(mine.map((n) => rm(join(dir, n), { force: true })));
  return mine.length;
}

export interface MaskFacts {
  regions: readonly MaskRegion[];
  version: number;
}

/**
 * The image for this pool: the original for pools the project does not mask for, otherwise a
 * rendition re-encoded from the pixels with the regions painted opaque black. A rendition that
 * cannot be made is an error, never a fallback to the original.
 */
export async function imageBytesForPool(
  files: FileStore,
  item: Pick<Item, 'id' | 'mimeType'>,
  readOriginal: () => Promise<ItemContent>,
  mask: MaskFacts | null,
  pool: Audience,
  settings: PrivacySettings,
): Promise<PoolContent> {
  if (!masksFor(settings, pool)) return { ...(await readOriginal()), masked: false, redacted: false };
  const format = renditionFormat(item.mimeType);
  const version = mask?.version ?? 0;
  const path = renditionPath(files, item.id, version, `.${format.ext}`);
  const cached = await readFile(path).catch(() => null);
  if (cached) return { bytes: cached, mimeType: format.mimeType, masked: true, redacted: false };
  const original = await readOriginal();
  let source = original.bytes;
  if (renditionFormat(original.mimeType).mimeType !== original.mimeType) {
    try {
      source = await sharp(original.bytes, { pages: 1 }).rotate().png().toBuffer();
    } catch (error) {
      throw new DomainError('unavailable', `image ${item.id} cannot be re-encoded for this pool (${(error as Error).message}); it is not served outside`);
    }
  }
  const bytes = await maskImage(source, mask?.regions ?? []);
  await writeAtomically(path, bytes);
  return { bytes, mimeType: format.mimeType, masked: true, redacted: false };
}

async function maskFacts(db: Db, itemId: number): Promise<MaskFacts | null> {
  const stored = await findItemMask(db, itemId);
  return stored ? { regions: stored.regions as MaskRegion[], version: stored.version } : null;
}

/** The item's content for this pool: what the item route must send to pool members. */
export async function contentForPool(db: Db, files: FileStore, item: Item, pool: Audience): Promise<PoolContent> {
  const settings = await privacySettingsOf(db, item.projectId);
  if (item.kind === 'text') {
    const poolText = textForPool(item, pool, settings);
    return { bytes: Buffer.from(poolText.text, 'utf8'), mimeType: 'text/plain; charset=utf-8', masked: false, redacted: poolText.map !== null };
  }
  return imageBytesForPool(files, item, () => readItemContent(db, files, item), await maskFacts(db, item.id), pool, settings);
}

/** The item's thumbnail for this pool, made from the masked rendition when the pool gets one. */
export async function thumbnailForPool(db: Db, files: FileStore, item: Item, pool: Audience): Promise<PoolContent> {
  const settings = await privacySettingsOf(db, item.projectId);
  if (!masksFor(settings, pool)) return { ...(await readItemThumbnail(db, files, item)), masked: false, redacted: false };
  const mask = await maskFacts(db, item.id);
  const path = renditionPath(files, item.id, mask?.version ?? 0, '-thumb.webp');
  const cached = await readFile(path).catch(() => null);
  if (cached) return { bytes: cached, mimeType: 'image/webp', masked: true, redacted: false };
  const masked = await imageBytesForPool(files, item, () => readItemContent(db, files, item), mask, pool, settings);
  const thumbnail = await makeThumbnail(masked.bytes);
  await writeAtomically(path, thumbnail);
  return { bytes: thumbnail, mimeType: 'image/webp', masked: true, redacted: false };
}
