/**
 * Where an item stands in the workflow, as one reader may see it (`GET /items/:id/state`).
 *
 * The consensus is a label of the item: its spans are moved onto the text the reader's pool sees,
 * as the item's annotations are (pool-results.ts), and the read is recorded in the audit trail.
 * Shown on the original text, it gave a vendor the very names the redaction withheld, and their
 * lengths.
 *
 * The consensus, its confidence, the agreement and the reason the item went on are derived from
 * every answer of the item. A reader who may read only some of them (a vendor's own reviewer or
 * team lead, item-access.ts) would read the rest back from them: beside their own pool's answer,
 * a consensus or an agreement of two answers says what the other vendor answered, and a reason
 * may carry another pool's annotator's words. So such a reader gets only the stage (which their
 * pools' stage counts show already); the figures only when every answer is theirs to read.
 */
import { forbidden } from '../../core/errors.ts';
import type { AnnotationResult } from '../../core/label-schema.ts';
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import { findItemState, type ItemState } from '../../store/item-states.ts';
import { auditItemRead } from '../audit/record.ts';
import { answerReach, type ItemAccess, readableAnnotations } from '../item-access.ts';
import { itemForPool } from '../privacy/item-for-pool.ts';
import { resultsForPool } from '../privacy/pool-results.ts';
import type { WorkCache } from '../work-cache.ts';

export interface ReaderItemState {
  stage: ItemState['stage'] | 'labelling';
  consensus: AnnotationResult | null;
  method: string | null;
  confidence: number | null;
  agreement: number | null;
  reason: string | null;
}

export async function itemStateForReader(db: Db, actor: Actor, access: ItemAccess, cache: WorkCache): Promise<ReaderItemState> {
  const reach = await answerReach(db, actor, access, cache);
  if (reach === 'own') throw forbidden('the consensus is for reviewers, experts and managers');
  const { item } = access;
  const state = await findItemState(db, item.projectId, item.id);
  const none = { consensus: null, method: null, confidence: null, agreement: null, reason: null };
  if (!state) return { stage: 'labelling', ...none };
  if (reach !== 'all' && !(await readableAnnotations(db, actor, access, reach)).complete) return { stage: state.stage, ...none };
  let consensus = state.consensus;
  if (consensus) {
    const { poolText } = await itemForPool(db, item, access.pool);
    consensus = resultsForPool([{ result: consensus }], poolText)[0]!.result;
    await auditItemRead(db, actor, { itemId: item.id, projectId: item.projectId, poolId: access.pool?.id ?? null, part: 'annotations', redacted: poolText?.map != null });
  }
  return { stage: state.stage, consensus, method: state.method, confidence: state.confidence, agreement: state.agreement, reason: state.reason };
}
