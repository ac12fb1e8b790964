/**
 * The work metrics of a project by pool × annotator × day, computed from groups the database made
 * (store/analytics-aggregates.ts) with the core's definitions (core/metrics/work-metrics.ts): the
 * same figures as `workMetrics` over the project's facts, without holding one row per annotation.
 * Several groupings come from one pass (`sets`), e.g. the totals, per pool and per pool and day.
 */
import type { CostEntry, Ledger } from '../../core/cost/ledger.ts';
import type { ExchangeRates } from '../../core/cost/money.ts';
import { trueCost } from '../../core/cost/true-cost.ts';
import type { SlaCompliance } from '../../core/metrics/sla.ts';
import { type Proportion, proportion } from '../../core/metrics/stats.ts';
import type { WorkMetrics } from '../../core/metrics/work-metrics.ts';
import type { PoolSla } from '../../core/workforce.ts';
import { type CostLot, type Dimension, type GroupKeyIds, type LabelAggregate, poolMonthUnits, projectAggregates, type TurnaroundAggregate } from '../../store/analytics-aggregates.ts';
import { type AnalyticsPool, analyticsPools, UNPOOLED_KEY } from '../../store/analytics-facts.ts';
import type { EffortEstimates, WorkWindow } from '../../store/analytics-work.ts';
import type { Db } from '../../store/database.ts';
import { billedMonths, idleEntries, type Lot, priceLots } from './price-lots.ts';

export type { Dimension };

/** One group's figures: the core's `WorkMetrics`, with what a report adds. */
export interface MetricsRow extends WorkMetrics {
  key: { poolKey?: string; annotatorId?: number | null; day?: string | null };
  /** Mean agreement among annotators of the items the group labelled, per label (null: none measured). */
  itemAgreement: { labels: number; mean: number } | null;
  /** Work charged to pools without a cost model, or done in no pool. */
  unpriced: Ledger['unpriced'];
}

export interface MetricsQuery {
  window: WorkWindow;
  effort: EffortEstimates;
  /** Only these pools' work (a pool manager's view); null: all. */
  scope: readonly number[] | null;
  exchange?: ExchangeRates;
  /** Share of items that must meet the turnaround target. */
  slaShare?: number;
}

export interface GroupedMetrics {
  /** One list of rows per set asked for, in the same order. */
  rows: MetricsRow[][];
  pools: AnalyticsPool[];
}

interface Bucket {
  ids: GroupKeyIds;
  labels: LabelAggregate | null;
  turnaround: TurnaroundAggregate | null;
  lots: CostLot[];
  idle: CostEntry[];
}

export async function groupedMetrics(db: Db, sets: readonly (readonly Dimension[])[], query: MetricsQuery): Promise<GroupedMetrics> {
  const { window: w, scope } = query;
  const [pools, { labels, turnaround, lots }] = await Promise.all([analyticsPools(db), projectAggregates(db, w, sets, scope, query.effort)]);
  const byId = new Map(pools.map((p) => [p.pool.id, p.pool]));
  const keyOfPool = (id: number | null): string => (id === null ? UNPOOLED_KEY : (byId.get(id)?.key ?? UNPOOLED_KEY));

  // Fixed pools: their output per month across projects, and the idle months of those working for this project alone.
  const scoped = pools.filter((p) => scope === null || scope.includes(p.pool.id));
  const billed = billedMonths(scoped, w.projectId, { from: w.from, to: w.to < w.now ? w.to : w.now });
  const fixedIds = new Set([...billed.keys()]);
  for (const l of lots) if (l.chargePoolId !== null && byId.get(l.chargePoolId)?.costModel?.type === 'fixed_monthly') fixedIds.add(l.chargePoolId);
  const months = new Set([...lots.map((l) => l.month), ...[...billed.values()].flat()]);
  const monthUnits = await poolMonthUnits(db, [...fixedIds], [...months], w.now);
  const idle = idleEntries(byId, billed, monthUnits);
  const poolIdOfKey = new Map(pools.map((p) => [p.pool.key, p.pool.id]));

  const rows = sets.map((set, index) => {
    const buckets = new Map<string, Bucket>();
    const bucket = (ids: GroupKeyIds): Bucket => {
      const id = JSON.stringify([ids.poolId, ids.annotatorId, ids.day]);
      let b = buckets.get(id);
      if (!b) {
        b = { ids, labels: null, turnaround: null, lots: [], idle: [] };
        buckets.set(id, b);
      }
      return b;
    };
    for (const l of labels) if (l.set === index) bucket(l).labels = l;
    for (const t of turnaround) if (t.set === index) bucket(t).turnaround = t;
    for (const l of lots) if (l.set === index) bucket(l).lots.push(l);
    for (const e of idle) {
      bucket({ set: index, poolId: set.includes('pool') ? (poolIdOfKey.get(e.poolKey) ?? null) : null, annotatorId: null, day: set.includes('day') ? e.day : null }).idle.push(e);
    }
    return [...buckets.values()]
      .map((b) => summarise(b, set, query, byId, keyOfPool, monthUnits))
      .sort((a, b) => compareKeys(a.key, b.key));
  });
  return { rows, pools };
}

function compareKeys(a: MetricsRow['key'], b: MetricsRow['key']): number {
  return (a.poolKey ?? '').localeCompare(b.poolKey ?? '') || (a.annotatorId ?? -1) - (b.annotatorId ?? -1) || (a.day ?? '').localeCompare(b.day ?? '');
}

function summarise(
  b: Bucket,
  set: readonly Dimension[],
  query: MetricsQuery,
  pools: ReadonlyMap<number, AnalyticsPool['pool']>,
  keyOfPool: (id: number | null) => string,
  monthUnits: ReadonlyMap<string, number>,
): MetricsRow {
  const key: MetricsRow['key'] = {};
  if (set.includes('pool')) key.poolKey = keyOfPool(b.ids.poolId);
  if (set.includes('annotator')) key.annotatorId = b.ids.annotatorId;
  if (set.includes('day')) key.day = b.ids.day;
  const l = b.labels;
  const lots: Lot[] = b.lots.map((lot) => ({
    chargePoolId: lot.chargePoolId, month: lot.month, day: lot.day, category: lot.category, units: lot.units, seconds: lot.seconds,
    servesPoolKey: keyOfPool(lot.poolId), servesAnnotatorId: lot.annotatorId,
  }));
  const priced = priceLots(lots, pools, monthUnits, query.window.projectId, UNPOOLED_KEY);
  const accepted = l?.accepted ?? 0;
  const activeHours = (l?.seconds ?? 0) / 3600;
  const labels = l?.labels ?? 0;
  const activeDays = l?.activeDays ?? 0;
  const goldAccuracy = l ? proportion(l.goldCorrect, l.goldLabels) : null;
  const t = b.turnaround;
  const pool = set.includes('pool') && b.ids.poolId !== null ? pools.get(b.ids.poolId) : undefined;
  return {
    key,
    labels,
    goldLabels: l?.goldLabels ?? 0,
    items: l?.items ?? 0,
    activeHours,
    activeDays,
    labelsPerHour: activeHours > 0 ? labels / activeHours : null,
    itemsPerDay: activeDays > 0 ? (l?.items ?? 0) / activeDays : null,
    turnaroundHours: t ? { count: t.count, p50: t.p50, p90: t.p90 } : null,
    revision: l && l.reviewed > 0 ? { reviewed: l.reviewed, revised: l.revised, rate: l.revised / l.reviewed } : null,
    goldAccuracy,
    agreement: l ? proportion(l.agreed, l.agreementTrials) : null,
    itemAgreement: l && l.itemAgreementLabels > 0 ? { labels: l.itemAgreementLabels, mean: l.itemAgreementSum / l.itemAgreementLabels } : null,
    acceptedLabels: accepted,
    cost: trueCost([...priced.entries, ...b.idle], accepted, query.exchange),
    sla: pool ? slaFromCounts(pool.sla, t ? { within: t.withinTarget, total: t.count } : null, goldAccuracy, query.slaShare) : null,
    unpriced: priced.unpriced,
  };
}

/**
 * The rule of core/metrics/sla.ts (`slaCompliance`) on counts the database made: the turnaround
 * target is met when at least `requiredShare` of the items were accepted within it, the gold
 * target when the accuracy reaches it.
 */
export function slaFromCounts(sla: PoolSla | undefined, turnaround: { within: number; total: number } | null, gold: Proportion | null, requiredShare = 0.9): SlaCompliance | null {
  if (!sla || (sla.turnaroundHours === undefined && sla.minGoldAccuracy === undefined)) return null;
  let time: SlaCompliance['turnaround'] = null;
  if (sla.turnaroundHours !== undefined && turnaround && turnaround.total > 0) {
    const share = turnaround.within / turnaround.total;
    time = { targetHours: sla.turnaroundHours, within: turnaround.within, total: turnaround.total, share, requiredShare, met: share >= requiredShare };
  }
  let goldAccuracy: SlaCompliance['goldAccuracy'] = null;
  if (sla.minGoldAccuracy !== undefined && gold) {
    goldAccuracy = { target: sla.minGoldAccuracy, accuracy: gold.rate, trials: gold.trials, met: gold.rate >= sla.minGoldAccuracy };
  }
  const checks = [time?.met, goldAccuracy?.met].filter((m): m is boolean => m !== undefined);
  return { turnaround: time, goldAccuracy, met: checks.length === 0 ? null : checks.every(Boolean) };
}
