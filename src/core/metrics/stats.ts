/**
 * Small statistics shared by the metrics and the simulator: quantiles, the Wilson interval of a
 * proportion, mean and standard deviation. Plain numbers in, plain numbers out.
 */

/**
 * The q-quantile (0..1) of a sample by linear interpolation between the closest ranks: the
 * definition numpy and R use by default (Hyndman & Fan type 7; Excel's PERCENTILE.INC). With
 * sorted values x[0..n-1], h = (n-1)q and the answer is x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]).
 * It never leaves the range of the sample, and p50 of an even sample is the mean of the middle two.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return quantileSorted(sorted, q);
}

/** `quantile` for a sample already sorted in ascending order (saves the sort in loops). */
export function quantileSorted(sorted: readonly number[], q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const low = sorted[lo] as number;
  const high = sorted[Math.min(lo + 1, n - 1)] as number;
  return low + (h - lo) * (high - low);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n-1 in the denominator); 0 for a single value. */
export function sampleSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  if (values.length < 2) return 0;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** Two-sided standard normal quantile for a central interval of `confidence` (e.g. 0.95 → 1.96). */
export function zForConfidence(confidence: number): number {
  return normalQuantile(0.5 + confidence / 2);
}

/**
 * Standard normal quantile by Acklam's rational approximation (relative error below 1.2e-9),
 * enough for interval widths.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  const poly = (k: number[], x: number): number => k.reduce((acc, coef) => acc * x + coef, 0);
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

export interface Proportion {
  successes: number;
  trials: number;
  rate: number;
  /** Wilson score interval at the confidence asked (95% unless told). */
  low: number;
  high: number;
}

/**
 * A proportion with its Wilson score interval: centre (p + z²/2n) / (1 + z²/n), half-width
 * z·√(p(1-p)/n + z²/4n²) / (1 + z²/n). Unlike the normal interval it stays inside [0, 1] and is
 * honest for small samples and rates near 0 or 1, which gold accuracy often is.
 */
export function proportion(successes: number, trials: number, confidence = 0.95): Proportion | null {
  if (trials <= 0) return null;
  const z = zForConfidence(confidence);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Rounding can leave the bound a hair beside the rate at 0 or 1, where the exact bound is the rate.
  return { successes, trials, rate: p, low: Math.max(0, Math.min(p, centre - half)), high: Math.min(1, Math.max(p, centre + half)) };
}
