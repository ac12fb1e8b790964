/**
 * Annotation results crossing between a pool that sees redacted texts and the stored originals:
 * a submission is mapped onto the original text before it is validated and stored, and stored
 * results are mapped onto the redacted text before they are shown to that pool. On the submit
 * path this costs no query while the settings and the pool are cached (two seconds) and the
 * redaction of the item is (items never change their text).
 */
import type { Item } from '../../core/items.ts';
import type { AnnotationResult } from '../../core/label-schema.ts';
import type { Pool } from '../../core/workforce.ts';
import { findAnnotation } from '../../store/annotations.ts';
import type { Db } from '../../store/database.ts';
import { findPool } from '../../store/pools.ts';
import { poolsOfTasks } from '../../store/tasks.ts';
import { itemForPool } from './item-for-pool.ts';
import { privacySettingsOf } from './project-privacy.ts';
import { redactsFor } from './privacy-settings.ts';
import { mapSubmittedResult, type PoolText, resultForPool, textForPool } from './text-for-pool.ts';

const TTL_MS = 2000;
const pools = new Map<number, { pool: Pool | null; until: number }>();

/** Forgets the cached pools (another database is opened: see `forgetPrivacySettings`). */
export function forgetCachedPools(): void {
  pools.clear();
}

/** A pool by id, read at most two seconds ago. */
export async function poolById(db: Db, poolId: number): Promise<Pool | null> {
  const now = Date.now();
  const hit = pools.get(poolId);
  if (hit && hit.until > now) return hit.pool;
  const pool = await findPool(db, poolId);
  if (pools.size > 10_000) pools.clear();
  pools.set(poolId, { pool, until: now + TTL_MS });
  return pool;
}

export interface WorkedItem {
  projectId: number;
  itemId: number;
  /** The original text (null for images: nothing to map). */
  text: string | null;
  /** The pool the work is done in (null: in-house staff outside pools). */
  poolId: number | null;
}

/** The item's text as the pool sees it, when the pool sees it redacted; null otherwise. */
export async function redactionFor(db: Db, item: WorkedItem, pool?: Pool | null): Promise<PoolText | null> {
  if (item.text === null || item.poolId === null) return null;
  const seenBy = pool !== undefined ? pool : await poolById(db, item.poolId);
  if (!seenBy) return null;
  const settings = await privacySettingsOf(db, item.projectId);
  if (!redactsFor(settings, seenBy)) return null;
  return textForPool({ id: item.itemId, text: item.text }, seenBy, settings);
}

/** A result submitted by the pool, on the original text (unchanged when the pool saw the original). */
export async function resultFromPool(db: Db, item: WorkedItem, result: AnnotationResult): Promise<AnnotationResult> {
  const poolText = await redactionFor(db, item);
  return poolText ? mapSubmittedResult(result, poolText, item.text!) : result;
}

/** Stored results, as the pool that sees the redacted text must see them. */
export function resultsForPool<T extends { result: AnnotationResult }>(annotations: readonly T[], poolText: PoolText | null): T[] {
  if (!poolText?.map) return [...annotations];
  return annotations.map((a) => ({ ...a, result: resultForPool(a.result, poolText) }));
}

/**
 * The item as the pool that labelled it sees it (from the pool the annotation's task was routed
 * to): what the annotator's feedback shows. Not the reader's access, which lapses while a rejected
 * task waits to be redone, exactly when the annotator reads why.
 */
export async function itemAsLabelled(db: Db, item: Item, annotationId: number): Promise<Item> {
  const annotation = await findAnnotation(db, annotationId);
  const poolId = annotation?.taskId != null ? ((await poolsOfTasks(db, [annotation.taskId])).get(annotation.taskId) ?? null) : null;
  const pool = poolId === null ? null : await poolById(db, poolId);
  return (await itemForPool(db, item, pool)).item;
}
