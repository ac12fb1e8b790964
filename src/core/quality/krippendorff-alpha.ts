/**
 * Krippendorff's alpha, α = 1 − D_o / D_e, from the coincidence matrix of pairable values
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). Any number of coders,
 * missing values allowed (units with fewer than two values are not pairable and are skipped),
 * four levels of measurement, or a custom distance (e.g. MASI for label sets).
 */
import { DomainError } from '../errors.ts';
import { type Unit, type Value, sortedValues } from './reliability-data.ts';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaOptions {
  level?: MeasurementLevel;
  /** Ordinal only: the order of the values, lowest first (numeric order by default). */
  order?: readonly Value[];
  /** Replaces the level's squared difference δ²(a, b). */
  distance?: (a: Value, b: Value) => number;
}

export interface Coincidences {
  values: Value[];
  /** values × values, row-major. */
  matrix: Float64Array;
  /** Pairable values per value (row sums). */
  marginals: Float64Array;
  /** Pairable values in all. */
  total: number;
}

/** The coincidence matrix: within each unit of m values, each ordered pair counts 1/(m − 1). */
export function coincidences(units: readonly Unit[], order?: readonly Value[]): Coincidences {
  const values = order ? [...order] : sortedValues(units.flat());
  const index = new Map(values.map((v, i) => [String(v), i]));
  const v = values.length;
  const matrix = new Float64Array(v * v);
  const counts = new Map<number, number>();
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    counts.clear();
    for (const value of unit) {
      const c = index.get(String(value));
      if (c === undefined) throw new DomainError('invalid_input', `value ${String(value)} is not in the given order`);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) matrix[c * v + k]! += (nc * (c === k ? nk - 1 : nk)) / (m - 1);
    }
  }
  const marginals = new Float64Array(v);
  let total = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) marginals[c]! += matrix[c * v + k]!;
    total += marginals[c]!;
  }
  return { values, matrix, marginals, total };
}

function numeric(value: Value): number {
  const x = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(x)) throw new DomainError('invalid_input', `value ${String(value)} is not a number`);
  return x;
}

/** δ²(c, k) for every pair of value indices, by level. */
function distances(co: Coincidences, options: AlphaOptions): Float64Array {
  const { values, marginals } = co;
  const v = values.length;
  const out = new Float64Array(v * v);
  const level = options.level ?? 'nominal';
  const numbers = level === 'interval' || level === 'ratio' ? values.map(numeric) : [];
  // Ordinal: cumulative marginals, so that Σ_{g=c..k} n_g is one subtraction.
  const cumulative = new Float64Array(v + 1);
  for (let g = 0; g < v; g++) cumulative[g + 1] = cumulative[g]! + marginals[g]!;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      let d: number;
      if (options.distance) d = options.distance(values[c]!, values[k]!);
      else if (c === k) d = 0;
      else if (level === 'nominal') d = 1;
      else if (level === 'ordinal') {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        d = (cumulative[hi + 1]! - cumulative[lo]! - (marginals[c]! + marginals[k]!) / 2) ** 2;
      } else if (level === 'interval') d = (numbers[c]! - numbers[k]!) ** 2;
      else {
        const sum = numbers[c]! + numbers[k]!;
        d = sum === 0 ? 0 : ((numbers[c]! - numbers[k]!) / sum) ** 2;
      }
      out[c * v + k] = d;
    }
  }
  return out;
}

export interface AlphaDetail {
  alpha: number;
  observedDisagreement: number;
  expectedDisagreement: number;
  pairableValues: number;
}

export function krippendorffAlphaDetail(units: readonly Unit[], options: AlphaOptions = {}): AlphaDetail {
  const co = coincidences(units, options.level === 'ordinal' ? options.order : undefined);
  const delta = distances(co, options);
  const v = co.values.length;
  const n = co.total;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      observed += co.matrix[c * v + k]! * delta[c * v + k]!;
      expected += co.marginals[c]! * co.marginals[k]! * delta[c * v + k]!;
    }
  }
  const observedDisagreement = n > 0 ? observed / n : Number.NaN;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : Number.NaN;
  // No variation among the values at all: alpha is undefined (Krippendorff), reported as NaN.
  const alpha = expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : Number.NaN;
  return { alpha, observedDisagreement, expectedDisagreement, pairableValues: n };
}

export function krippendorffAlpha(units: readonly Unit[], options: AlphaOptions = {}): number {
  return krippendorffAlphaDetail(units, options).alpha;
}

/**
 * MASI distance between two label sets (Passonneau 2006): 1 − Jaccard × M, where M is 1 for equal
 * sets, 0.67 when one contains the other, 0.33 when they only overlap, 0 when disjoint (NLTK's
 * rounded constants, so that results match the published ones).
 */
export function masiDistance(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const intersection = [...a].filter((x) => b.has(x)).length;
  const union = a.size + b.size - intersection;
  if (union === 0) return 0;
  const m =
    intersection === a.size && intersection === b.size
      ? 1
      : intersection === Math.min(a.size, b.size)
        ? 0.67
        : intersection > 0
          ? 0.33
          : 0;
  return 1 - (intersection / union) * m;
}
