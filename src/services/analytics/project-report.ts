/**
 * The cost, speed and quality report of one project: the totals, per pool (with SLA compliance),
 * per annotator, per day and per pool and day, the velocity with its completion forecast, the
 * pools' terms and the assumptions the figures rest on. The same figures feed the API, the
 * dashboards and `atelier report`.
 */
import type { ExchangeRates } from '../../core/cost/money.ts';
import { DomainError } from '../../core/errors.ts';
import type { CostModel, PoolKind, PoolSla } from '../../core/workforce.ts';
import { type AnalyticsPool, UNPOOLED_KEY, userNames } from '../../store/analytics-facts.ts';
import type { EffortEstimates, WorkWindow } from '../../store/analytics-work.ts';
import type { Db } from '../../store/database.ts';
import { type Dimension, groupedMetrics, type MetricsRow } from './grouped-metrics.ts';
import { type ProjectVelocity, projectVelocity } from './velocity.ts';

/** Time Atelier does not record, estimated; every report lists the values it used. */
export const DEFAULT_EFFORT: EffortEstimates = {
  reviewSeconds: 60,
  guidelineReadingSeconds: 15 * 60,
  qualificationSecondsPerAttempt: 20 * 60,
};

export interface ReportOptions {
  /** Work from this instant (null or absent: since the project began). */
  from?: Date | null;
  /** Work before this instant (absent: up to now). */
  to?: Date;
  now?: Date;
  /** Sums every currency into the base currency; absent: one figure per currency. */
  exchange?: ExchangeRates;
  effort?: Partial<EffortEstimates>;
  /** Only these pools (a pool manager's view); null or absent: all. */
  scope?: readonly number[] | null;
  lookbackWeeks?: number;
  confidence?: number;
}

export interface ReportPool {
  key: string;
  name: string;
  kind: PoolKind | null;
  costModel: CostModel | null;
  sla: PoolSla;
}

export interface Assumption {
  field: string;
  value: string;
  why: string;
}

export interface ProjectReport extends ReportFrame {
  totals: MetricsRow;
  byPool: MetricsRow[];
  byAnnotator: MetricsRow[];
  byDay: MetricsRow[];
  byPoolDay: MetricsRow[];
  velocity: ProjectVelocity;
}

export function resolveWindow(projectId: number, options: Pick<ReportOptions, 'from' | 'to' | 'now'>): WorkWindow {
  const now = options.now ?? new Date();
  const to = options.to ?? new Date(now.getTime() + 1);
  const from = options.from ?? null;
  if (from && from >= to) throw new DomainError('validation_failed', 'from: must be before to', { issues: [{ path: 'from', message: 'must be before to' }] });
  return { projectId, from, to, now };
}

export function resolveEffort(effort: Partial<EffortEstimates> | undefined): EffortEstimates {
  return { ...DEFAULT_EFFORT, ...effort };
}

/** The figures for one or more groupings (pool figures for the simulator use this). */
export async function projectMetrics(db: Db, projectId: number, sets: readonly (readonly Dimension[])[], options: ReportOptions = {}) {
  return groupedMetrics(db, sets, {
    window: resolveWindow(projectId, options),
    effort: resolveEffort(options.effort),
    scope: options.scope ?? null,
    ...(options.exchange && { exchange: options.exchange }),
  });
}

/** What every answer about a project's figures says around them: the window, scope, pools, people and assumptions. */
export interface ReportFrame {
  project: { id: number; name: string };
  window: { from: string | null; to: string; now: string };
  /** null: every pool; else the keys of the pools the figures are limited to. */
  scope: string[] | null;
  currency: string | null;
  pools: ReportPool[];
  annotators: { id: number; name: string }[];
  assumptions: Assumption[];
}

async function frame(db: Db, project: { id: number; name: string }, options: ReportOptions, window: WorkWindow, pools: AnalyticsPool[], rows: readonly MetricsRow[]): Promise<ReportFrame> {
  const scope = options.scope ?? null;
  const used = new Set(rows.map((r) => r.key.poolKey));
  const reportPools: ReportPool[] = pools
    .filter((p) => used.has(p.pool.key))
    .map(({ pool }) => ({ key: pool.key, name: pool.name, kind: pool.kind, costModel: pool.costModel, sla: pool.sla }));
  if (used.has(UNPOOLED_KEY)) reportPools.push({ key: UNPOOLED_KEY, name: 'In-house staff outside any pool', kind: null, costModel: null, sla: {} });
  const annotatorIds = [...new Set(rows.map((r) => r.key.annotatorId).filter((id): id is number => typeof id === 'number' && id > 0))];
  const names = await userNames(db, annotatorIds);
  return {
    project: { id: project.id, name: project.name },
    window: { from: window.from?.toISOString() ?? null, to: (options.to ?? window.now).toISOString(), now: window.now.toISOString() },
    scope: scope === null ? null : pools.filter((p) => scope.includes(p.pool.id)).map((p) => p.pool.key),
    currency: options.exchange?.base ?? null,
    pools: reportPools,
    annotators: annotatorIds.map((id) => ({ id, name: names.get(id) ?? `user ${id}` })),
    assumptions: assumptions(resolveEffort(options.effort), options),
  };
}

export interface ProjectAnalytics extends ReportFrame {
  /** The first grouping asked for, and its rows (what a client of one grouping reads). */
  groupBy: Dimension[];
  totals: MetricsRow;
  rows: MetricsRow[];
  /** Every grouping asked for, in the order asked. */
  groupings: { groupBy: Dimension[]; rows: MetricsRow[] }[];
}

/**
 * The totals and one or more groupings (e.g. per pool, and per pool and day), as the analytics
 * route serves them: one statement whatever their number, so that a page that shows several
 * groupings reads the project's work once instead of once for each.
 */
export async function projectAnalytics(
  db: Db,
  project: { id: number; name: string },
  groupings: readonly (readonly Dimension[])[],
  options: ReportOptions = {},
): Promise<ProjectAnalytics> {
  if (groupings.length === 0) throw new DomainError('invalid_input', 'ask for at least one grouping');
  const window = resolveWindow(project.id, options);
  const sets: (readonly Dimension[])[] = [[]];
  const setOf = groupings.map((dims) => {
    const at = sets.findIndex((set) => set.length === dims.length && set.every((d) => dims.includes(d)));
    return at >= 0 ? at : sets.push(dims) - 1;
  });
  const { rows, pools } = await groupedMetrics(db, sets, { window, effort: resolveEffort(options.effort), scope: options.scope ?? null, ...(options.exchange && { exchange: options.exchange }) });
  const grouped = groupings.map((dims, i) => ({ groupBy: [...dims], rows: rows[setOf[i]!] ?? [] }));
  return {
    ...(await frame(db, project, options, window, pools, grouped.flatMap((g) => g.rows))),
    groupBy: grouped[0]!.groupBy,
    totals: rows[0]?.[0] ?? emptyRow(),
    rows: grouped[0]!.rows,
    groupings: grouped,
  };
}

const SETS: Dimension[][] = [[], ['pool'], ['pool', 'annotator'], ['day'], ['pool', 'day']];

export async function projectReport(db: Db, project: { id: number; name: string }, options: ReportOptions = {}): Promise<ProjectReport> {
  const window = resolveWindow(project.id, options);
  const effort = resolveEffort(options.effort);
  const scope = options.scope ?? null;
  const [{ rows, pools }, velocity] = await Promise.all([
    groupedMetrics(db, SETS, { window, effort, scope, ...(options.exchange && { exchange: options.exchange }) }),
    projectVelocity(db, project.id, { from: options.from ?? null, now: window.now, scope, lookbackWeeks: options.lookbackWeeks, confidence: options.confidence }),
  ]);
  const [totals, byPool, byAnnotator, byDay, byPoolDay] = rows as [MetricsRow[], MetricsRow[], MetricsRow[], MetricsRow[], MetricsRow[]];
  return { ...(await frame(db, project, options, window, pools, [...byPool, ...byAnnotator])), totals: totals[0] ?? emptyRow(), byPool, byAnnotator, byDay, byPoolDay, velocity };
}

function emptyRow(): MetricsRow {
  return {
    key: {}, labels: 0, goldLabels: 0, items: 0, activeHours: 0, activeDays: 0, labelsPerHour: null, itemsPerDay: null, turnaroundHours: null, revision: null,
    goldAccuracy: null, agreement: null, itemAgreement: null, acceptedLabels: 0, cost: [], sla: null, unpriced: [],
  };
}

function assumptions(effort: EffortEstimates, options: ReportOptions): Assumption[] {
  const minutes = (s: number) => `${Math.round((s / 60) * 10) / 10} min`;
  return [
    { field: 'reviewTime', value: minutes(effort.reviewSeconds), why: 'Atelier does not time reviews: each review is charged this much active time (per-hour pools) and counts one unit (per-label and fixed pools)' },
    { field: 'guidelineReadingTime', value: minutes(effort.guidelineReadingSeconds), why: 'each guidelines acknowledgement stands for this much reading time (no unit of output)' },
    { field: 'qualificationTime', value: minutes(effort.qualificationSecondsPerAttempt), why: 'each qualification attempt stands for this much time; each answer counts one unit' },
    { field: 'acceptance', value: 'workflow state, else review, else all label tasks done', why: 'items the workflow engine has not reached count as accepted when a review accepted or corrected a label, or else when all their label tasks are done' },
    { field: 'corrections', value: 'the reviewer’s label', why: 'a reviewer’s correction is a label in the reviewer’s pool (its time is the review’s); the corrected label is rework' },
    { field: 'fixedMonths', value: 'spread over all projects’ output', why: 'a fixed month is spread over the pool’s units of that month in every project; idle months count only for pools working for this project alone' },
    { field: 'agreement', value: 'choice answers only', why: 'agreement with the consensus compares choices; answers with regions are left out (see itemAgreement for every kind)' },
    ...(options.exchange ? [{ field: 'currency', value: options.exchange.base, why: `amounts converted at ${Object.entries(options.exchange.rates).map(([c, r]) => `1 ${c} = ${r} ${options.exchange!.base}`).join(', ') || 'no other rate'}` }] : []),
  ];
}
