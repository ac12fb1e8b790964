/**
 * Aggregation of numeric answers (scores, ratings, counts): mean, median, or a Huber M-estimate
 * that behaves like the mean on well-behaved answers and like the median when a few are wild.
 * Confidence and worker skill are measured in units of one robust scale of the whole data set:
 * the share of answers that fall within one scale unit of the consensus.
 */
export interface NumericAnswer {
  item: string;
  worker: string;
  value: number;
}

export type NumericMethod = 'mean' | 'median' | 'robust';

export interface NumericEstimate {
  item: string;
  value: number;
  /** Share of the item's answers within one robust scale unit of `value`. */
  confidence: number;
  answers: number;
}

export interface NumericWorkerQuality {
  worker: string;
  /** Share of the worker's answers within one robust scale unit of the consensus. */
  skill: number;
  meanAbsoluteError: number;
  /** Mean signed difference from the consensus (answers too high when positive). */
  bias: number;
  answers: number;
}

export interface NumericConsensus {
  method: NumericMethod;
  /** The robust scale of answers around their item's median (see `robustScale`). */
  scale: number;
  items: NumericEstimate[];
  workers: NumericWorkerQuality[];
}

/** Huber's tuning constant: 95 % efficiency under normal noise. */
const HUBER_K = 1.345;
const MAD_TO_SD = 1.4826;
const MEAN_TO_SD = 1.2533;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * A normal-consistent scale from absolute deviations: 1.4826 × their median, or, when more than
 * half of them are 0 (answers piled on one value, common with ratings), 1.2533 × their mean.
 */
export function robustScale(deviations: readonly number[]): number {
  const mad = MAD_TO_SD * median(deviations);
  if (mad > 0) return mad;
  const meanDeviation = deviations.length > 0 ? MEAN_TO_SD * mean(deviations) : 0;
  return meanDeviation > 0 ? meanDeviation : 1;
}

/** Huber M-estimate of location by iteratively reweighted means, scale fixed. */
export function huberLocation(values: readonly number[], scale: number, iterations = 500): number {
  let location = median(values);
  if (!(scale > 0)) return location;
  const bound = HUBER_K * scale;
  for (let it = 0; it < iterations; it++) {
    let num = 0;
    let den = 0;
    for (const v of values) {
      const r = Math.abs(v - location);
      const w = r <= bound ? 1 : bound / r;
      num += w * v;
      den += w;
    }
    const next = num / den;
    // Stopping by the scale, not by the size of the location, gives the same answer wherever the
    // data sit: shifting every value shifts the estimate by exactly as much.
    if (Math.abs(next - location) < 1e-12 * scale) return next;
    location = next;
  }
  return location;
}

export function aggregateNumbers(answers: readonly NumericAnswer[], method: NumericMethod): NumericConsensus {
  const byItem = new Map<string, number[]>();
  for (const a of answers) {
    const list = byItem.get(a.item);
    if (list) list.push(a.value);
    else byItem.set(a.item, [a.value]);
  }
  const medians = new Map([...byItem].map(([item, values]) => [item, median(values)]));
  const deviations = answers.map((a) => Math.abs(a.value - medians.get(a.item)!));
  const scale = robustScale(deviations);

  const estimates = new Map<string, number>();
  for (const [item, values] of byItem) {
    // An item's own spread sets its Huber scale when it has enough answers; else the global one.
    const own = values.length >= 4 ? robustScale(values.map((v) => Math.abs(v - medians.get(item)!))) : 0;
    const value =
      method === 'mean' ? mean(values) : method === 'median' ? medians.get(item)! : huberLocation(values, own || scale);
    estimates.set(item, value);
  }
  const items = [...byItem].map(([item, values]) => {
    const value = estimates.get(item)!;
    const close = values.filter((v) => Math.abs(v - value) <= scale).length;
    return { item, value, confidence: close / values.length, answers: values.length };
  });

  const perWorker = new Map<string, { close: number; absolute: number; signed: number; answers: number }>();
  for (const a of answers) {
    const diff = a.value - estimates.get(a.item)!;
    const q = perWorker.get(a.worker) ?? { close: 0, absolute: 0, signed: 0, answers: 0 };
    q.close += Math.abs(diff) <= scale ? 1 : 0;
    q.absolute += Math.abs(diff);
    q.signed += diff;
    q.answers++;
    perWorker.set(a.worker, q);
  }
  const workers = [...perWorker].map(([worker, q]) => ({
    worker,
    skill: q.close / q.answers,
    meanAbsoluteError: q.absolute / q.answers,
    bias: q.signed / q.answers,
    answers: q.answers,
  }));
  return { method, scale, items, workers };
}
