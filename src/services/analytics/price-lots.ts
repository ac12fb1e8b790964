/**
 * Prices grouped work (lots: units and active seconds of one kind, charged to one pool in one
 * month) by the rules of the core's ledger (core/cost/ledger.ts), so that a project of millions of
 * annotations is priced from a few hundred rows:
 * - per label: the amount × units; per hour: the amount × active hours;
 * - fixed per month: the month's amount × the lot's share of the pool's units that month, the
 *   units counted across every project (`monthUnits`, keyed `poolId|YYYY-MM`);
 * - no cost model, or no pool: not priced, counted apart.
 * Since each of these is linear in units and seconds, pricing the sum of a group's work gives the
 * sum of pricing each piece; price-lots.test.ts holds this against `costLedger`.
 */
import type { CostCategory, CostEntry, Ledger } from '../../core/cost/ledger.ts';
import { dayKey, monthStart } from '../../core/metrics/calendar.ts';
import type { Pool } from '../../core/workforce.ts';

export interface Lot {
  /** The pool whose cost model pays (null: no pool). */
  chargePoolId: number | null;
  month: string;
  /** The day of the work when the lot is a day's; else the lot is dated the first of its month. */
  day: string | null;
  category: Exclude<CostCategory, 'idle'>;
  units: number;
  seconds: number;
  /** The pool and annotator whose labels the work serves, as far as the group says. */
  servesPoolKey: string;
  servesAnnotatorId: number | null;
}

export interface PricedLots {
  entries: CostEntry[];
  unpriced: Ledger['unpriced'];
}

const SOURCE: Record<Lot['category'], CostEntry['source']> = {
  labelling: 'annotation', overlap: 'annotation', rework: 'annotation', gold: 'annotation', pending: 'annotation', review: 'review', training: 'training',
};

export function priceLots(lots: readonly Lot[], pools: ReadonlyMap<number, Pool>, monthUnits: ReadonlyMap<string, number>, projectId: number, unpooledKey: string): PricedLots {
  const entries: CostEntry[] = [];
  const unpriced = new Map<string, Ledger['unpriced'][number]>();
  for (const lot of lots) {
    const pool = lot.chargePoolId === null ? undefined : pools.get(lot.chargePoolId);
    const model = pool?.costModel ?? null;
    if (!pool || model === null) {
      const key = pool?.key ?? unpooledKey;
      const u = unpriced.get(key) ?? { poolKey: key, units: 0, activeSeconds: 0 };
      u.units += lot.units;
      u.activeSeconds += lot.seconds;
      unpriced.set(key, u);
      continue;
    }
    let amount: number;
    if (model.type === 'per_label') amount = model.amount * lot.units;
    else if (model.type === 'per_hour') amount = (model.amount * lot.seconds) / 3600;
    else {
      const units = monthUnits.get(`${pool.id}|${lot.month}`) ?? 0;
      amount = units > 0 ? (model.amount * lot.units) / units : 0;
    }
    entries.push({
      source: SOURCE[lot.category], sourceId: null, projectId, poolKey: pool.key, annotatorId: null,
      day: lot.day ?? dayKey(monthStart(lot.month)), amount, currency: model.currency, category: lot.category,
      servesPoolKey: lot.servesPoolKey, servesAnnotatorId: lot.servesAnnotatorId,
    });
  }
  return { entries, unpriced: [...unpriced.values()] };
}

/** The UTC months (`YYYY-MM`) from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  let y = from.getUTCFullYear();
  let m = from.getUTCMonth();
  const endY = to.getUTCFullYear();
  const endM = to.getUTCMonth();
  while (y < endY || (y === endY && m <= endM)) {
    months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return months;
}

/**
 * The months each fixed-cost pool working for this project alone was paid for in the window, by
 * pool id: from the pool's creation (or the window's start) to its archiving (or the window's
 * end). A shared team's month belongs to no one project, so shared pools have none here.
 */
export function billedMonths(
  pools: readonly { pool: Pool; createdAt: Date; archivedAt: Date | null; projectIds: number[] }[],
  projectId: number,
  window: { from: Date | null; to: Date },
): Map<number, string[]> {
  const billed = new Map<number, string[]>();
  for (const { pool, createdAt, archivedAt, projectIds } of pools) {
    if (pool.costModel?.type !== 'fixed_monthly' || projectIds.length !== 1 || projectIds[0] !== projectId) continue;
    const start = window.from && window.from > createdAt ? window.from : createdAt;
    const end = archivedAt && archivedAt < window.to ? archivedAt : window.to;
    if (start < end) billed.set(pool.id, monthsBetween(start, new Date(end.getTime() - 1)));
  }
  return billed;
}

/** A billed month without any output (across projects) is one idle entry of the whole amount. */
export function idleEntries(pools: ReadonlyMap<number, Pool>, billed: ReadonlyMap<number, readonly string[]>, monthUnits: ReadonlyMap<string, number>): CostEntry[] {
  const entries: CostEntry[] = [];
  for (const [poolId, months] of billed) {
    const pool = pools.get(poolId);
    const model = pool?.costModel;
    if (!pool || model?.type !== 'fixed_monthly') continue;
    for (const month of months) {
      if ((monthUnits.get(`${poolId}|${month}`) ?? 0) > 0) continue;
      entries.push({
        source: 'fixed_month', sourceId: null, projectId: null, poolKey: pool.key, annotatorId: null, day: dayKey(monthStart(month)),
        amount: model.amount, currency: model.currency, category: 'idle', servesPoolKey: pool.key, servesAnnotatorId: null,
      });
    }
  }
  return entries;
}
