/**
 * Work metrics grouped by any of project × pool × annotator × day (UTC).
 *
 * - throughput: labels per active hour, and distinct items per active day (a day with at least
 *   one label in the group);
 * - turnaround: hours from queued to accepted of the items accepted in the group (the pool and
 *   annotator of the accepted label, the day of acceptance), p50 and p90 by `quantile` (type 7);
 * - revision rate: share of the group's reviewed labels that review corrected or rejected;
 * - accuracy on gold and agreement with consensus, each with a 95% Wilson interval;
 * - the true cost per accepted label of the labels the group made (reviews count towards the
 *   labels they review, see the ledger);
 * - SLA compliance when grouped by pool and the pool has targets.
 * A label counts in the group of its submission; a review in the group of the label it reviewed.
 */
import { costLedger, type CostEntry } from '../cost/ledger.ts';
import type { ExchangeRates } from '../cost/money.ts';
import { type TrueCost, trueCost } from '../cost/true-cost.ts';
import {
  type AnnotationFact,
  annotationRoles,
  type FactId,
  type ItemFlowFact,
  type PoolTerms,
  type ReviewFact,
  type TrainingFact,
} from '../cost/work-facts.ts';
import { dayKey, hoursBetween } from './calendar.ts';
import { type SlaCompliance, slaCompliance } from './sla.ts';
import { type Proportion, proportion, quantile } from './stats.ts';

export type Dimension = 'project' | 'pool' | 'annotator' | 'day';

export interface GroupKey {
  projectId?: number | null;
  poolKey?: string | null;
  annotatorId?: number | null;
  day?: string | null;
}

export interface MetricsInput {
  annotations: readonly AnnotationFact[];
  reviews?: readonly ReviewFact[];
  training?: readonly TrainingFact[];
  flows?: readonly ItemFlowFact[];
  pools: readonly PoolTerms[];
  billedMonths?: Record<string, readonly string[]>;
  exchange?: ExchangeRates;
}

export interface MetricsOptions {
  by: readonly Dimension[];
  /** Share of items that must meet the turnaround target, 0.9 unless told. */
  slaShare?: number;
}

export interface WorkMetrics {
  key: GroupKey;
  labels: number;
  goldLabels: number;
  items: number;
  activeHours: number;
  activeDays: number;
  labelsPerHour: number | null;
  itemsPerDay: number | null;
  turnaroundHours: { count: number; p50: number; p90: number } | null;
  revision: { reviewed: number; revised: number; rate: number } | null;
  goldAccuracy: Proportion | null;
  agreement: Proportion | null;
  acceptedLabels: number;
  cost: TrueCost[];
  sla: SlaCompliance | null;
}

interface Bucket {
  key: GroupKey;
  annotations: AnnotationFact[];
  reviewed: Map<FactId, boolean>;
  turnaround: number[];
  costs: CostEntry[];
  accepted: number;
}

export function workMetrics(input: MetricsInput, options: MetricsOptions): WorkMetrics[] {
  const by = new Set(options.by);
  const buckets = new Map<string, Bucket>();
  const bucket = (projectId: number | null, poolKey: string | null, annotatorId: number | null, day: string | null): Bucket => {
    const key: GroupKey = {};
    if (by.has('project')) key.projectId = projectId;
    if (by.has('pool')) key.poolKey = poolKey;
    if (by.has('annotator')) key.annotatorId = annotatorId;
    if (by.has('day')) key.day = day;
    const id = JSON.stringify([key.projectId, key.poolKey, key.annotatorId, key.day]);
    let b = buckets.get(id);
    if (!b) {
      b = { key, annotations: [], reviewed: new Map(), turnaround: [], costs: [], accepted: 0 };
      buckets.set(id, b);
    }
    return b;
  };

  const roles = annotationRoles(input.annotations);
  const byId = new Map<FactId, AnnotationFact>();
  for (const a of input.annotations) {
    byId.set(a.id, a);
    const b = bucket(a.projectId, a.poolKey, a.annotatorId, dayKey(a.submittedAt));
    b.annotations.push(a);
    if (roles.get(a.id) === 'labelling') b.accepted++;
  }
  for (const r of input.reviews ?? []) {
    const a = byId.get(r.annotationId);
    if (!a) continue;
    const reviewed = bucket(a.projectId, a.poolKey, a.annotatorId, dayKey(a.submittedAt)).reviewed;
    // Several reviews of one label: it was revised if any of them revised it.
    reviewed.set(a.id, (reviewed.get(a.id) ?? false) || r.decision !== 'accept');
  }
  for (const f of input.flows ?? []) {
    if (f.acceptedAt === null) continue;
    bucket(f.projectId, f.poolKey, f.annotatorId, dayKey(f.acceptedAt)).turnaround.push(hoursBetween(f.queuedAt, f.acceptedAt));
  }
  const ledger = costLedger({ annotations: input.annotations, reviews: input.reviews, training: input.training, pools: input.pools, billedMonths: input.billedMonths });
  for (const e of ledger.entries) bucket(e.projectId, e.servesPoolKey, e.servesAnnotatorId, e.day).costs.push(e);

  const terms = new Map(input.pools.map((p) => [p.key, p]));
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, b]) => summarise(b, by.has('pool') ? terms.get(b.key.poolKey ?? '') : undefined, input.exchange, options.slaShare));
}

function summarise(b: Bucket, pool: PoolTerms | undefined, exchange: ExchangeRates | undefined, slaShare: number | undefined): WorkMetrics {
  const activeHours = b.annotations.reduce((s, a) => s + a.activeSeconds, 0) / 3600;
  const days = new Set(b.annotations.map((a) => dayKey(a.submittedAt)));
  const items = new Set(b.annotations.filter((a) => a.goldCorrect === null).map((a) => `${a.projectId}|${a.itemId}`));
  const gold = b.annotations.filter((a) => a.goldCorrect !== null);
  const agreed = b.annotations.filter((a) => a.agreedWithConsensus !== undefined && a.agreedWithConsensus !== null);
  const goldAccuracy = proportion(gold.filter((a) => a.goldCorrect).length, gold.length);
  const revised = [...b.reviewed.values()].filter(Boolean).length;
  const p50 = quantile(b.turnaround, 0.5);
  const p90 = quantile(b.turnaround, 0.9);
  return {
    key: b.key,
    labels: b.annotations.length,
    goldLabels: gold.length,
    items: items.size,
    activeHours,
    activeDays: days.size,
    labelsPerHour: activeHours > 0 ? b.annotations.length / activeHours : null,
    itemsPerDay: days.size > 0 ? items.size / days.size : null,
    turnaroundHours: p50 !== null && p90 !== null ? { count: b.turnaround.length, p50, p90 } : null,
    revision: b.reviewed.size > 0 ? { reviewed: b.reviewed.size, revised, rate: revised / b.reviewed.size } : null,
    goldAccuracy,
    agreement: proportion(agreed.filter((a) => a.agreedWithConsensus).length, agreed.length),
    acceptedLabels: b.accepted,
    cost: trueCost(b.costs, b.accepted, exchange),
    sla: pool ? slaCompliance(pool.sla, b.turnaround, goldAccuracy, slaShare) : null,
  };
}
