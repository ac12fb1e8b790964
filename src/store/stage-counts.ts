/** Where the items of a project stand: how many are in each stage, and the items of a stage in order. */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { type ItemState, toItemState } from './item-states.ts';
import { literalId } from './planned-per-value.ts';
import { type PoolIds, workedOnInPools } from './pool-scope-sql.ts';
import { afterInQueue, reviewableInPools, waitsForReviewer } from './queue-sql.ts';

export interface StageCounts {
  review: number;
  /**
   * Of the items in review, those with work waiting for a reviewer; the others wait for rework.
   * Null unless asked for: it looks at each item in review (0.15 s for 3,333 of them on the
   * embedded database, `atelier bench --scenario queues`), too much for a count polled per project.
   */
  reviewWaiting: number | null;
  /**
   * Of `reviewWaiting`, those a routing rule sends to another pool's reviewers (reviewBy): counted
   * for readers of some pools only (null otherwise), whose queue holds the rest.
   */
  reviewElsewhere: number | null;
  adjudication: number;
  accepted: number;
  meanAgreement: number | null;
}

/**
 * The project is written in: a small project took a large one's plan (planned-per-value.ts). With
 * `pools`, only the items those pools worked on are counted, and their agreement averaged: a
 * vendor's pool manager sees where their pool's items stand, not the rest of the project.
 */
export async function stageCounts(db: Db, projectId: number, options: { splitReview?: boolean; pools?: PoolIds } = {}): Promise<StageCounts> {
  const pools = options.pools ?? null;
  const { rows } = await sql<{ stage: 'review' | 'adjudication' | 'accepted'; n: number; measured: number; agreement: number | null }>`
    SELECT s.stage, count(*)::bigint AS n, count(s.agreement)::bigint AS measured, avg(s.agreement) AS agreement
    FROM item_states s WHERE s.project_id = ${literalId(projectId)} AND ${workedOnInPools('s', pools)}
    GROUP BY s.stage`.execute(db);
  const waiting = options.splitReview ? await reviewWaitingCount(db, projectId, pools) : null;
  const out: StageCounts = { review: 0, reviewWaiting: waiting?.waiting ?? null, reviewElsewhere: waiting?.elsewhere ?? null, adjudication: 0, accepted: 0, meanAgreement: null };
  let weighted = 0;
  let count = 0;
  for (const r of rows) {
    out[r.stage] = Number(r.n);
    // Items one annotator labelled have no agreement: they weigh nothing in the mean.
    if (r.agreement !== null) {
      weighted += Number(r.agreement) * Number(r.measured);
      count += Number(r.measured);
    }
  }
  out.meanAgreement = count > 0 ? weighted / count : null;
  return out;
}

/**
 * Of the items in review, those with work waiting for a reviewer. A query of its own, not a
 * FILTER on the counts above: there PostgreSQL costs the check for every item of the project,
 * compiles the query (JIT, 85 ms of 310 at 1,000,000 annotations) and checks item by item; here
 * it reads the items in review by index and joins (95 ms). Whose work waits is not scoped: an item
 * of the pools' whose other work waits for a reviewer does not wait for rework.
 */
async function reviewWaitingCount(db: Db, projectId: number, pools: PoolIds): Promise<{ waiting: number; elsewhere: number | null }> {
  const { rows } = await sql<{ n: number; elsewhere: number }>`
    SELECT count(*)::bigint AS n, count(*) FILTER (WHERE NOT ${reviewableInPools('s', pools)})::bigint AS elsewhere FROM item_states s
    WHERE s.project_id = ${literalId(projectId)} AND s.stage = 'review' AND ${workedOnInPools('s', pools)} AND ${waitsForReviewer('s')}`.execute(db);
  return { waiting: Number(rows[0]?.n ?? 0), elsewhere: pools === null ? null : Number(rows[0]?.elsewhere ?? 0) };
}

/** The items in a stage, in the order they got there; `afterItemId` continues a walk. */
export async function itemsInStage(db: Db, projectId: number, stage: 'review' | 'adjudication', limit: number, afterItemId: number | null = null): Promise<ItemState[]> {
  const rows = await db
    .selectFrom('item_states as s')
    .selectAll()
    .where('s.project_id', '=', projectId)
    .where('s.stage', '=', stage)
    .where(afterInQueue('s', projectId, afterItemId))
    .orderBy('s.updated_at')
    .orderBy('s.item_id')
    .limit(limit)
    .execute();
  return rows.map(toItemState);
}
