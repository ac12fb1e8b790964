/**
 * An item as one pool may see it: its text redacted when the project says so for that pool, and
 * only the metadata fields the pool is allowed (data minimisation); the rest never leaves the
 * server for that pool. The item's external id counts as the metadata field `external_id`.
 */
import type { Item } from '../../core/items.ts';
import type { Pool } from '../../core/workforce.ts';
import type { Db } from '../../store/database.ts';
import { metadataRuleOf, privacySettingsOf } from './project-privacy.ts';
import type { PrivacySettings } from './privacy-settings.ts';
import { type PoolText, textForPool } from './text-for-pool.ts';

export const EXTERNAL_ID_KEY = 'external_id';

/** The pool content goes to; null is in-house staff acting outside any pool. */
export type PoolAudience = Pick<Pool, 'id' | 'kind' | 'clearance' | 'regions'> | null;

/**
 * Which metadata keys the pool sees: its rule when one is set; without a rule, in-house pools see
 * every key and outside pools none.
 */
export function allowedMetadataKeys(allowedKeys: readonly string[] | null, pool: PoolAudience): ReadonlySet<string> | 'all' {
  if (pool === null) return 'all';
  if (allowedKeys !== null) return new Set(allowedKeys);
  return pool.kind === 'in_house' ? 'all' : new Set();
}

export function metadataForPool(metadata: Record<string, unknown>, allowedKeys: readonly string[] | null, pool: PoolAudience): Record<string, unknown> {
  const allowed = allowedMetadataKeys(allowedKeys, pool);
  if (allowed === 'all') return metadata;
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => allowed.has(key)));
}

export interface PoolItem {
  item: Item;
  /** The text as the pool sees it, with the map that carries its spans back to the original. */
  poolText: PoolText | null;
  /** Whether anything was held back or replaced. */
  minimised: boolean;
}

/** The item for this pool, given the project's settings and the pool's metadata rule. */
export function shapeItemForPool(item: Item, pool: PoolAudience, settings: PrivacySettings, allowedKeys: readonly string[] | null): PoolItem {
  const poolText = item.kind === 'text' ? textForPool(item, pool, settings) : null;
  const metadata = metadataForPool(item.metadata, allowedKeys, pool);
  const allowed = allowedMetadataKeys(allowedKeys, pool);
  const externalId = allowed === 'all' || allowed.has(EXTERNAL_ID_KEY) ? item.externalId : null;
  const shaped: Item = { ...item, text: poolText ? poolText.text : item.text, metadata, externalId };
  const minimised = poolText?.map != null || metadata !== item.metadata || externalId !== item.externalId;
  return { item: shaped, poolText, minimised };
}

/** Loads the project's settings and the pool's rule, then shapes the item (what routes call). */
export async function itemForPool(db: Db, item: Item, pool: PoolAudience): Promise<PoolItem> {
  const settings = await privacySettingsOf(db, item.projectId);
  const allowedKeys = pool ? await metadataRuleOf(db, item.projectId, pool.id) : null;
  return shapeItemForPool(item, pool, settings, allowedKeys);
}
