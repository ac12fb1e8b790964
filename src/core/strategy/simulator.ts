/**
 * The strategy simulator: Monte Carlo runs of each candidate mix over the plan (one run: see
 * sim-run.ts), summarised as cost, completion and expected label accuracy, each with its mean,
 * its p5–p95 spread over runs and the 95% interval of the mean (mean ± 1.96·sd/√runs, which
 * narrows as runs grow), and the cumulative volume done per week for charts.
 * Each mix draws from its own stream of the seed, so adding a mix leaves the others' figures alone.
 */
import { DomainError } from '../errors.ts';
import { addDays, dayKey } from '../metrics/calendar.ts';
import { mean, quantileSorted, sampleSd, zForConfidence } from '../metrics/stats.ts';
import { addTo, type Money, rateOf } from '../cost/money.ts';
import { candidateMixes, type Mix } from './mixes.ts';
import { type Plan, parsePlan } from './plan.ts';
import { seededRandom } from '../quality/seeded-random.ts';
import { deriveSeed } from './rng.ts';
import { simulateRun } from './sim-run.ts';

export interface Interval {
  runs: number;
  mean: number;
  sd: number;
  p5: number;
  p50: number;
  p95: number;
  /** 95% interval of the mean. */
  meanLow: number;
  meanHigh: number;
}

export interface MixResult {
  name: string;
  kind: Mix['kind'];
  preset: Mix['preset'];
  description: string;
  streams: { name: string; share: number; pools: string[]; review: { rate: number; by: string[] } | null }[];
  pilot: Mix['pilot'];
  /** Share of runs done within `max_weeks`; completion figures are over those runs. */
  finishedShare: number;
  completionWeeks: Interval | null;
  completionDate: { mean: string; p5: string; p50: string; p95: string } | null;
  /** Per currency, or in the base currency when the plan gives rates. */
  cost: Record<string, Interval>;
  accuracy: Interval | null;
  /** Items done by the end of each week: quantiles over runs. */
  chart: { week: number; p5: number; p50: number; p95: number }[];
}

export interface SimulationResult {
  runs: number;
  seed: number;
  start: string;
  totalVolume: number;
  assumptions: { field: string; assumed: number }[];
  mixes: MixResult[];
}

export interface SimulateOptions {
  runs?: number;
  seed?: number;
}

export const DEFAULT_RUNS = 1000;
export const MAX_RUNS = 100_000;

/** Validates raw input (parsed JSON) and simulates; invalid input names the field. */
export function simulateFromInput(input: unknown, options: SimulateOptions = {}): SimulationResult {
  return simulate(parsePlan(input), options);
}

export function simulate(plan: Plan, options: SimulateOptions = {}): SimulationResult {
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) {
    throw new DomainError('invalid_input', `runs: must be a whole number from 1 to ${MAX_RUNS}`, { issues: [{ path: 'runs', message: `1 to ${MAX_RUNS}` }] });
  }
  if (!Number.isInteger(seed)) throw new DomainError('invalid_input', 'seed: must be a whole number', { issues: [{ path: 'seed', message: 'a whole number' }] });
  const { mixes, assumptions } = candidateMixes(plan);
  const totalVolume = plan.volume_per_week.reduce((s, v) => s + v, 0);
  return { runs, seed, start: plan.start, totalVolume, assumptions, mixes: mixes.map((mix) => simulateMix(plan, mix, runs, seed, totalVolume)) };
}

function simulateMix(plan: Plan, mix: Mix, runs: number, seed: number, totalVolume: number): MixResult {
  const rng = seededRandom(deriveSeed(seed, mix.name));
  const completions: number[] = [];
  const accuracies: number[] = [];
  const costs = new Map<string, number[]>();
  const curves: number[][] = [];
  for (let run = 0; run < runs; run++) {
    const result = simulateRun(plan, mix, rng);
    if (result.completionWeeks !== null) completions.push(result.completionWeeks);
    if (result.accuracy !== null) accuracies.push(result.accuracy);
    const cost = plan.rates ? inBase(result.cost, plan.rates) : result.cost;
    for (const [currency, amount] of Object.entries(cost)) {
      const list = costs.get(currency) ?? [];
      list.push(amount);
      costs.set(currency, list);
    }
    curves.push(result.cumulativeDone);
  }
  const completionWeeks = summarise(completions);
  const date = (weeks: number) => dayKey(addDays(new Date(`${plan.start}T00:00:00Z`), weeks * 7));
  return {
    name: mix.name,
    kind: mix.kind,
    preset: mix.preset,
    description: mix.description,
    streams: mix.streams.map((s) => ({ name: s.name, share: s.share, pools: s.pools, review: s.review ?? null })),
    pilot: mix.pilot,
    finishedShare: completions.length / runs,
    completionWeeks,
    completionDate: completionWeeks
      ? { mean: date(completionWeeks.mean), p5: date(completionWeeks.p5), p50: date(completionWeeks.p50), p95: date(completionWeeks.p95) }
      : null,
    cost: Object.fromEntries([...costs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([c, list]) => [c, summarise(list) as Interval])),
    accuracy: summarise(accuracies),
    chart: chartOf(curves, totalVolume),
  };
}

function inBase(money: Money, rates: NonNullable<Plan['rates']>): Money {
  const out: Money = {};
  for (const [currency, amount] of Object.entries(money)) addTo(out, rates.base, amount * rateOf(currency, rates));
  return out;
}

const Z95 = zForConfidence(0.95);

export function summarise(values: readonly number[]): Interval | null {
  const m = mean(values);
  const sd = sampleSd(values);
  if (m === null || sd === null) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = (Z95 * sd) / Math.sqrt(values.length);
  const q = (p: number) => quantileSorted(sorted, p) as number;
  return { runs: values.length, mean: m, sd, p5: q(0.05), p50: q(0.5), p95: q(0.95), meanLow: m - half, meanHigh: m + half };
}

/** A run that finished early counts as all done in the later weeks. */
function chartOf(curves: number[][], total: number): MixResult['chart'] {
  const weeks = Math.max(0, ...curves.map((c) => c.length));
  const chart: MixResult['chart'] = [];
  for (let w = 0; w < weeks; w++) {
    const sorted = curves.map((c) => (w < c.length ? (c[w] as number) : total)).sort((a, b) => a - b);
    chart.push({ week: w + 1, p5: quantileSorted(sorted, 0.05) as number, p50: quantileSorted(sorted, 0.5) as number, p95: quantileSorted(sorted, 0.95) as number });
  }
  return chart;
}
