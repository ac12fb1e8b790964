/**
 * One-coin Dawid-Skene: each worker has a single accuracy; a wrong answer is any other class with
 * equal chance. Far fewer parameters than a full confusion matrix, so it holds up on sparse data
 * (workers with a handful of answers, many classes) where full Dawid-Skene overfits. With uniform
 * class priors and no smoothing it is ZenCrowd (Demartini et al. 2012), "ZC" in Zheng et al. 2017.
 */
import type { EncodedAnswers } from './answers.ts';
import { type Consensus, answersPerWorker, labelItems, logClassPriors, normaliseLogRows } from './consensus.ts';
import { voteShares } from './majority-vote.ts';
import type { Random } from './seeded-random.ts';

export interface OneCoinOptions {
  maxIterations?: number;
  /** Stop when the log-likelihood gains less than this per answer. */
  tolerance?: number;
  /** Beta(s, s) pseudo-counts on each worker's accuracy. */
  smoothing?: number;
  priorSmoothing?: number;
  /**
   * Class priors: uniform and fixed (the default, as ZenCrowd), or learned from the posteriors.
   * With one accuracy per worker the noise is symmetric, and a learned skewed prior then outweighs
   * the answers: product 0.908 against 0.927, bluebirds 0.58 against 0.72.
   */
  classPriors?: 'learned' | 'uniform';
  initial?: Float64Array;
  random?: Random;
}

export function oneCoinDawidSkene(data: EncodedAnswers, options: OneCoinOptions = {}): Consensus {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = (options.tolerance ?? 1e-7) * Math.max(1, data.item.length);
  const smoothing = options.smoothing ?? 1;
  const priorSmoothing = options.priorSmoothing ?? 1;
  const nItems = data.items.length;
  const k = data.classes.length;
  const { item, worker, label } = data;
  const counts = answersPerWorker(data);

  let posteriors: Float64Array = options.initial ? Float64Array.from(options.initial) : voteShares(data);
  let scratch: Float64Array = new Float64Array(nItems * k);
  const accuracy = new Float64Array(data.workers.length);
  const logRight = new Float64Array(data.workers.length);
  const logWrong = new Float64Array(data.workers.length);
  const logPriors = new Float64Array(k);
  let logLikelihood = -Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    if ((options.classPriors ?? 'uniform') === 'learned') logClassPriors(posteriors, k, priorSmoothing, logPriors);
    else logPriors.fill(-Math.log(k));
    accuracy.fill(smoothing);
    for (let a = 0; a < item.length; a++) accuracy[worker[a]!]! += posteriors[item[a]! * k + label[a]!]!;
    for (let w = 0; w < accuracy.length; w++) {
      const p = Math.min(Math.max(accuracy[w]! / (counts[w]! + 2 * smoothing), 1e-9), 1 - 1e-9);
      accuracy[w] = p;
      logRight[w] = Math.log(p);
      logWrong[w] = k > 1 ? Math.log((1 - p) / (k - 1)) : 0;
    }
    for (let i = 0; i < nItems; i++) scratch.set(logPriors, i * k);
    for (let a = 0; a < item.length; a++) {
      const o = item[a]! * k;
      const wrong = logWrong[worker[a]!]!;
      for (let c = 0; c < k; c++) scratch[o + c]! += wrong;
      scratch[o + label[a]!]! += logRight[worker[a]!]! - wrong;
    }
    const next = normaliseLogRows(scratch, nItems, k);
    [posteriors, scratch] = [scratch, posteriors];
    const gain = next - logLikelihood;
    logLikelihood = next;
    if (gain < tolerance) break;
  }
  return {
    method: 'one-coin',
    classes: data.classes,
    items: labelItems(data, posteriors, options.random),
    workers: data.workers.map((name, w) => ({ worker: name, skill: accuracy[w]!, answers: counts[w]! })),
    posteriors,
    logLikelihood,
    iterations,
    answerModel: (w, _i, l, out) => {
      out.fill(k > 1 ? (1 - accuracy[w]!) / (k - 1) : 1);
      out[l] = accuracy[w]!;
    },
  };
}
