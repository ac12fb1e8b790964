/**
 * Dawid-Skene (1979): each worker has a confusion matrix P(answer | true class), classes have
 * priors, and EM alternates between item posteriors (E) and worker matrices (M). Starts from
 * majority-vote shares. Laplace smoothing keeps a worker with few answers from getting
 * probabilities of exactly 0 or 1.
 *
 * The whole fit lives in typed arrays allocated once before the first iteration, so memory does
 * not grow with the number of iterations, and a million answers take a few megabytes.
 */
import type { EncodedAnswers } from './answers.ts';
import { type Consensus, answersPerWorker, labelItems } from './consensus.ts';
import { voteShares } from './majority-vote.ts';
import type { Random } from './seeded-random.ts';

export interface DawidSkeneOptions {
  maxIterations?: number;
  /** Stop when the log-likelihood gains less than this per answer. */
  tolerance?: number;
  /** Pseudo-count added to every cell of every confusion matrix (Laplace smoothing). */
  smoothing?: number;
  /** Pseudo-count added to every class prior. */
  priorSmoothing?: number;
  /**
   * Empirical-Bayes shrinkage: each worker's confusion row for a true class gets this many
   * pseudo-answers spread like the pooled confusion matrix of all workers. Workers with few
   * answers then look like the crowd instead of like their handful of answers. 0 = plain DS.
   */
  poolStrength?: number;
  /** Starting posteriors (items × classes); majority-vote shares when absent. */
  initial?: Float64Array;
  random?: Random;
  /** Called after each iteration (progress, or watching memory stay flat). */
  onIteration?: (iteration: number, logLikelihood: number) => void;
}

/** Floor inside logarithms: an unsmoothed zero would make every class impossible. */
const LOG_FLOOR = 1e-12;

export interface DawidSkeneFit {
  posteriors: Float64Array;
  priors: Float64Array;
  /** Row-major workers × answered class × true class: P(answer | true), laid out for the E-step. */
  confusion: Float64Array;
  logLikelihood: number;
  iterations: number;
}

/** The arrays of one fit, allocated once; the passes below only read and overwrite them. */
interface Fitting {
  k: number;
  itemStart: Int32Array;
  /** Per answer in item order: offset of its [worker][answered] block of k cells. */
  cellOf: Int32Array;
  posteriors: Float64Array;
  scores: Float64Array;
  active: Int32Array;
  priors: Float64Array;
  logPriors: Float64Array;
  confusion: Float64Array;
  logConfusion: Float32Array;
}

/** Item posteriors from the current parameters; returns the log-likelihood of all answers. */
function eStep({ k, itemStart, cellOf, posteriors, scores, logPriors, logConfusion }: Fitting): number {
  const nItems = itemStart.length - 1;
  let logLikelihood = 0;
  for (let i = 0; i < nItems; i++) {
    const start = itemStart[i]!;
    const end = itemStart[i + 1]!;
    // Class-major: the running sum stays in a register instead of k stores per answer.
    for (let c = 0; c < k; c++) {
      let score = logPriors[c]!;
      for (let j = start; j < end; j++) score += logConfusion[cellOf[j]! + c]!;
      scores[c] = score;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (scores[c]! > max) max = scores[c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      // Below e^-40 a class cannot matter next to the best one: skip the exponential.
      const d = scores[c]! - max;
      sum += scores[c] = d < -40 ? 0 : Math.exp(d);
    }
    logLikelihood += max + Math.log(sum);
    const p = i * k;
    for (let c = 0; c < k; c++) posteriors[p + c] = scores[c]! / sum;
  }
  return logLikelihood;
}

/**
 * Expected counts (class totals and confusion cells) from the posteriors. A separate pass from
 * the E-step on purpose: fused into one loop, the writes here slow the reads there threefold.
 * Classes with a negligible posterior are skipped, which on confident items is most of them.
 */
function accumulate({ k, itemStart, cellOf, posteriors, active, priors, confusion }: Fitting): void {
  const nItems = itemStart.length - 1;
  confusion.fill(0);
  priors.fill(0);
  for (let i = 0; i < nItems; i++) {
    const p = i * k;
    let n = 0;
    for (let c = 0; c < k; c++) {
      const q = posteriors[p + c]!;
      priors[c]! += q;
      if (q > 1e-14) active[n++] = c;
    }
    const start = itemStart[i]!;
    const end = itemStart[i + 1]!;
    for (let t = 0; t < n; t++) {
      const c = active[t]!;
      const q = posteriors[p + c]!;
      for (let j = start; j < end; j++) confusion[cellOf[j]! + c]! += q;
    }
  }
}

/** Runs EM and returns the raw fit; `dawidSkene` wraps it into a Consensus. */
export function fitDawidSkene(data: EncodedAnswers, options: DawidSkeneOptions = {}): DawidSkeneFit {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = (options.tolerance ?? 1e-7) * Math.max(1, data.item.length);
  const smoothing = options.smoothing ?? 1;
  const priorSmoothing = options.priorSmoothing ?? 1;
  const poolStrength = options.poolStrength ?? 0;
  const nItems = data.items.length;
  const nWorkers = data.workers.length;
  const k = data.classes.length;
  const { itemStart, byItem } = data;

  // Each answer's offset into a worker's [answered][true] block, in item order: the E-step
  // then reads answers sequentially and k consecutive confusion cells per answer.
  const cellOf = new Int32Array(byItem.length);
  for (let j = 0; j < byItem.length; j++) cellOf[j] = (data.worker[byItem[j]!]! * k + data.label[byItem[j]!]!) * k;

  const posteriors = options.initial ? Float64Array.from(options.initial) : voteShares(data);
  const priors = new Float64Array(k);
  const logPriors = new Float64Array(k);
  // Expected counts, then (in place) probabilities; `logConfusion` is what the E-step reads.
  const confusion = new Float64Array(nWorkers * k * k);
  // Single precision halves what the E-step pulls through the cache; log-probabilities need no more.
  const logConfusion = new Float32Array(nWorkers * k * k);
  const rowSums = new Float64Array(k);
  const pooled = new Float64Array(k * k);
  const scores = new Float64Array(k);
  const active = new Int32Array(k);

  const fitting: Fitting = { k, itemStart, cellOf, posteriors, scores, active, priors, logPriors, confusion, logConfusion };
  // Expected counts from the starting posteriors.
  accumulate(fitting);

  let logLikelihood = -Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    mStep();
    const next = eStep(fitting);
    accumulate(fitting);
    const gain = next - logLikelihood;
    logLikelihood = next;
    options.onIteration?.(iterations, logLikelihood);
    if (gain < tolerance) break;
  }
  // The returned parameters are the M-step on the final posteriors.
  const priorTotal = priors.reduce((sum, x) => sum + x + priorSmoothing, 0);
  for (let c = 0; c < k; c++) priors[c] = (priors[c]! + priorSmoothing) / priorTotal;
  normaliseCounts();
  return { posteriors, priors, confusion, logLikelihood, iterations };

  function mStep(): void {
    let priorTotal = 0;
    for (let c = 0; c < k; c++) priorTotal += priors[c]! + priorSmoothing;
    for (let c = 0; c < k; c++) logPriors[c] = Math.log(Math.max((priors[c]! + priorSmoothing) / priorTotal, LOG_FLOOR));
    normaliseCounts();
    for (let cell = 0; cell < confusion.length; cell++) logConfusion[cell] = Math.log(Math.max(confusion[cell]!, LOG_FLOOR));
  }

  /** Expected counts plus smoothing, divided by their true-class totals, in place. */
  function normaliseCounts(): void {
    if (poolStrength > 0) poolConfusion(confusion, nWorkers, k, pooled, rowSums);
    for (let w = 0; w < nWorkers; w++) {
      const base = w * k * k;
      rowSums.fill(0);
      for (let l = 0; l < k; l++) {
        for (let c = 0; c < k; c++) {
          const cell = base + l * k + c;
          confusion[cell]! += smoothing + (poolStrength > 0 ? poolStrength * pooled[l * k + c]! : 0);
          rowSums[c]! += confusion[cell]!;
        }
      }
      for (let l = 0; l < k; l++) {
        for (let c = 0; c < k; c++) {
          const cell = base + l * k + c;
          confusion[cell] = rowSums[c]! > 0 ? confusion[cell]! / rowSums[c]! : 1 / k;
        }
      }
    }
  }
}

/** The crowd's confusion matrix (answered × true, each true column summing to 1) into `pooled`. */
function poolConfusion(counts: Float64Array, nWorkers: number, k: number, pooled: Float64Array, sums: Float64Array): void {
  pooled.fill(0);
  for (let w = 0; w < nWorkers; w++) for (let cell = 0; cell < k * k; cell++) pooled[cell]! += counts[w * k * k + cell]!;
  sums.fill(0);
  for (let l = 0; l < k; l++) for (let c = 0; c < k; c++) sums[c]! += pooled[l * k + c]!;
  for (let l = 0; l < k; l++) for (let c = 0; c < k; c++) pooled[l * k + c] = sums[c]! > 0 ? pooled[l * k + c]! / sums[c]! : 1 / k;
}

/** A worker's confusion matrix as rows = true class, columns = answered class. */
export function confusionMatrix(fit: DawidSkeneFit, k: number, w: number): number[][] {
  const rows: number[][] = [];
  for (let c = 0; c < k; c++) {
    const row: number[] = [];
    for (let l = 0; l < k; l++) row.push(fit.confusion[(w * k + l) * k + c]!);
    rows.push(row);
  }
  return rows;
}

export function dawidSkene(data: EncodedAnswers, options: DawidSkeneOptions = {}): Consensus {
  const fit = fitDawidSkene(data, options);
  const k = data.classes.length;
  const counts = answersPerWorker(data);
  const workers = data.workers.map((name, w) => {
    let skill = 0;
    for (let c = 0; c < k; c++) skill += fit.priors[c]! * fit.confusion[(w * k + c) * k + c]!;
    return { worker: name, skill, answers: counts[w]!, confusion: confusionMatrix(fit, k, w) };
  });
  return {
    method: 'ds',
    classes: data.classes,
    items: labelItems(data, fit.posteriors, options.random),
    workers,
    posteriors: fit.posteriors,
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    answerModel: (w, _i, l, out) => {
      for (let c = 0; c < k; c++) out[c] = fit.confusion[(w * k + l) * k + c]!;
    },
  };
}
