/**
 * A queue entry (an item and its annotations) as one reader may see it, by the same rules as the
 * item's own routes: the text redacted and the metadata minimised for the reader's pool, spans
 * moved onto the text that pool sees, and the read recorded in the audit trail. The review and
 * adjudication screens show an item from its queue entry and never fetch the item itself, so a
 * queue that skipped these rules would hand a vendor reviewer the text their pool must not see.
 */
import type { Annotation, Item } from '../../core/items.ts';
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import { auditItemRead } from '../audit/record.ts';
import type { ItemAccess } from '../item-access.ts';
import { itemForPool } from '../privacy/item-for-pool.ts';
import { resultsForPool } from '../privacy/pool-results.ts';

export async function queueEntryForReader(db: Db, actor: Actor, access: ItemAccess, annotations: readonly Annotation[]): Promise<{ item: Item; annotations: Annotation[] }> {
  const shaped = await itemForPool(db, access.item, access.pool);
  await auditItemRead(db, actor, { itemId: access.item.id, projectId: access.item.projectId, poolId: access.pool?.id ?? null, part: 'item', redacted: shaped.minimised });
  return { item: shaped.item, annotations: resultsForPool(annotations, shaped.poolText) };
}
