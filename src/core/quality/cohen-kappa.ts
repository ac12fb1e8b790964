/**
 * Cohen's kappa for two coders, unweighted or with linear or quadratic disagreement weights
 * (weighted kappa for ordered categories: near misses cost less than far ones). Categories are
 * ordered numerically when they are numbers, and weighted by rank, as R's irr::kappa2 and
 * scikit-learn do; pass `categories` to fix the order or include categories nobody used.
 */
import { DomainError } from '../errors.ts';
import { type Value, sortedValues } from './reliability-data.ts';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface CohenOptions {
  weights?: KappaWeights;
  categories?: readonly Value[];
}

/** Kappa from a square contingency table: rows coder A, columns coder B, same category order. */
export function cohenKappaFromTable(table: readonly (readonly number[])[], weights: KappaWeights = 'none'): number {
  const k = table.length;
  if (table.some((row) => row.length !== k)) throw new DomainError('invalid_input', 'the contingency table must be square');
  let n = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      n += table[i]![j]!;
      rows[i]! += table[i]![j]!;
      cols[j]! += table[i]![j]!;
    }
  }
  if (n === 0) return Number.NaN;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = disagreement(i, j, k, weights);
      observed += (w * table[i]![j]!) / n;
      expected += (w * rows[i]! * cols[j]!) / (n * n);
    }
  }
  return expected === 0 ? Number.NaN : 1 - observed / expected;
}

function disagreement(i: number, j: number, k: number, weights: KappaWeights): number {
  if (i === j) return 0;
  if (weights === 'none') return 1;
  const d = Math.abs(i - j) / Math.max(1, k - 1);
  return weights === 'linear' ? d : d * d;
}

/**
 * Kappa from two paired vectors of values (index = unit); a unit where either value is missing
 * (`null`/`undefined`) is left out.
 */
export function cohenKappa(
  a: readonly (Value | null | undefined)[],
  b: readonly (Value | null | undefined)[],
  options: CohenOptions = {},
): number {
  if (a.length !== b.length) throw new DomainError('invalid_input', `the two coders rate ${a.length} and ${b.length} units`);
  const pairs: [Value, Value][] = [];
  for (let u = 0; u < a.length; u++) {
    const x = a[u];
    const y = b[u];
    if (x !== null && x !== undefined && y !== null && y !== undefined) pairs.push([x, y]);
  }
  const categories = options.categories ? [...options.categories] : sortedValues(pairs.flat());
  const index = new Map(categories.map((c, i) => [String(c), i]));
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (const [x, y] of pairs) {
    const i = index.get(String(x));
    const j = index.get(String(y));
    if (i === undefined || j === undefined) {
      throw new DomainError('invalid_input', `value ${String(i === undefined ? x : y)} is not one of the categories`);
    }
    table[i]![j]!++;
  }
  return cohenKappaFromTable(table, options.weights ?? 'none');
}
