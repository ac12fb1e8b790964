/**
 * The cost ledger: what each annotation, review and training session cost under its pool's cost
 * model, in the pool's currency.
 *
 * - per label: each unit of work costs the amount. A unit is an annotation, a review or a
 *   qualification task (reading guidelines has no unit and so costs nothing);
 * - per hour: the amount × the active time;
 * - fixed per month: the month's amount spread evenly over the units the pool turned out that UTC
 *   month. A billed month without output becomes one `idle` entry — the team was paid anyway.
 *   The spread is only right if the facts hold all the pool's work of the month, across projects:
 *   filter the entries by project after, not the facts before.
 */
import { validationFailed } from '../errors.ts';
import { dayKey, monthKey, monthStart } from '../metrics/calendar.ts';
import {
  type AnnotationFact,
  type AnnotationRole,
  annotationRoles,
  type FactId,
  type PoolTerms,
  type ReviewFact,
  type TrainingFact,
} from './work-facts.ts';

export type CostCategory = AnnotationRole | 'review' | 'training' | 'idle';
export const COST_CATEGORIES: readonly CostCategory[] = ['labelling', 'overlap', 'rework', 'review', 'gold', 'training', 'idle', 'pending'];

export interface CostEntry {
  source: 'annotation' | 'review' | 'training' | 'fixed_month';
  sourceId: FactId | null;
  /** null for an idle month, which belongs to no project. */
  projectId: number | null;
  /** The pool whose cost model charges this. */
  poolKey: string;
  annotatorId: number | null;
  /** UTC day of the work; the first of the month for an idle month. */
  day: string;
  amount: number;
  currency: string;
  category: CostCategory;
  /** Whose labels this cost serves: a review serves the reviewed annotation's pool and annotator. */
  servesPoolKey: string;
  servesAnnotatorId: number | null;
}

export interface LedgerInput {
  annotations: readonly AnnotationFact[];
  reviews?: readonly ReviewFact[];
  training?: readonly TrainingFact[];
  pools: readonly PoolTerms[];
  /** Months (`YYYY-MM`) each fixed-cost pool was paid for, beyond those with output. */
  billedMonths?: Record<string, readonly string[]>;
}

export interface Ledger {
  entries: CostEntry[];
  /** Work done in pools without a cost model (or not in `pools`): counted, not priced. */
  unpriced: { poolKey: string; units: number; activeSeconds: number }[];
}

/** One unit of work before pricing. */
interface Work {
  entry: Omit<CostEntry, 'amount' | 'currency'>;
  at: Date;
  units: number;
  activeSeconds: number;
}

export function costLedger(input: LedgerInput): Ledger {
  const terms = new Map(input.pools.map((p) => [p.key, p]));
  const works = collectWork(input);
  const entries: CostEntry[] = [];
  const unpriced = new Map<string, { poolKey: string; units: number; activeSeconds: number }>();
  // Fixed pools: units per pool-month first, then each unit's share.
  const monthUnits = new Map<string, number>();
  for (const w of works) {
    if (terms.get(w.entry.poolKey)?.costModel?.type !== 'fixed_monthly') continue;
    const key = `${w.entry.poolKey}|${monthKey(w.at)}`;
    monthUnits.set(key, (monthUnits.get(key) ?? 0) + w.units);
  }
  for (const w of works) {
    const model = terms.get(w.entry.poolKey)?.costModel ?? null;
    if (model === null) {
      const u = unpriced.get(w.entry.poolKey) ?? { poolKey: w.entry.poolKey, units: 0, activeSeconds: 0 };
      u.units += w.units;
      u.activeSeconds += w.activeSeconds;
      unpriced.set(w.entry.poolKey, u);
      continue;
    }
    let amount: number;
    if (model.type === 'per_label') amount = model.amount * w.units;
    else if (model.type === 'per_hour') amount = (model.amount * w.activeSeconds) / 3600;
    else {
      const units = monthUnits.get(`${w.entry.poolKey}|${monthKey(w.at)}`) ?? 0;
      amount = units > 0 ? (model.amount * w.units) / units : 0;
    }
    entries.push({ ...w.entry, amount, currency: model.currency });
  }
  entries.push(...idleMonths(input, monthUnits));
  return { entries, unpriced: [...unpriced.values()] };
}

function collectWork(input: LedgerInput): Work[] {
  const roles = annotationRoles(input.annotations);
  const byId = new Map(input.annotations.map((a) => [a.id, a]));
  const works: Work[] = [];
  for (const a of input.annotations) {
    works.push({
      at: a.submittedAt,
      units: 1,
      activeSeconds: a.activeSeconds,
      entry: {
        source: 'annotation', sourceId: a.id, projectId: a.projectId, poolKey: a.poolKey, annotatorId: a.annotatorId,
        day: dayKey(a.submittedAt), category: roles.get(a.id) ?? 'pending', servesPoolKey: a.poolKey, servesAnnotatorId: a.annotatorId,
      },
    });
  }
  for (const r of input.reviews ?? []) {
    const reviewed = byId.get(r.annotationId);
    works.push({
      at: r.reviewedAt,
      units: 1,
      activeSeconds: r.activeSeconds,
      entry: {
        source: 'review', sourceId: r.id, projectId: r.projectId, poolKey: r.poolKey, annotatorId: r.reviewerId,
        day: dayKey(r.reviewedAt), category: 'review',
        servesPoolKey: reviewed?.poolKey ?? r.poolKey, servesAnnotatorId: reviewed ? reviewed.annotatorId : r.reviewerId,
      },
    });
  }
  for (const t of input.training ?? []) {
    works.push({
      at: t.at,
      units: t.tasks,
      activeSeconds: t.activeSeconds,
      entry: {
        source: 'training', sourceId: null, projectId: t.projectId, poolKey: t.poolKey, annotatorId: t.annotatorId,
        day: dayKey(t.at), category: 'training', servesPoolKey: t.poolKey, servesAnnotatorId: t.annotatorId,
      },
    });
  }
  return works;
}

/** Billed months of fixed pools with no unit of output: the whole month is idle cost. */
function idleMonths(input: LedgerInput, monthUnits: Map<string, number>): CostEntry[] {
  const entries: CostEntry[] = [];
  for (const pool of input.pools) {
    const model = pool.costModel;
    if (model?.type !== 'fixed_monthly') continue;
    for (const month of new Set(input.billedMonths?.[pool.key] ?? [])) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
        throw validationFailed([{ path: `billedMonths.${pool.key}`, message: `"${month}" is not a month (YYYY-MM)` }]);
      }
      if ((monthUnits.get(`${pool.key}|${month}`) ?? 0) > 0) continue;
      entries.push({
        source: 'fixed_month', sourceId: null, projectId: null, poolKey: pool.key, annotatorId: null,
        day: dayKey(monthStart(month)), amount: model.amount, currency: model.currency, category: 'idle',
        servesPoolKey: pool.key, servesAnnotatorId: null,
      });
    }
  }
  return entries;
}
