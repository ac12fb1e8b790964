/**
 * What every aggregation method returns: per item one label with a confidence, per worker a
 * skill (and a confusion matrix where the model has one). Methods compute a score per item and
 * class; turning scores into labels, with ties broken the same way everywhere, lives here.
 */
import type { EncodedAnswers } from './answers.ts';
import type { Random } from './seeded-random.ts';

export interface ItemConsensus {
  item: string;
  label: string;
  /** Probability (or vote share) of `label`, 0..1. */
  confidence: number;
  /** Classes sharing the top score; above 1 the label was picked among them (a tie). */
  tied: number;
}

export interface WorkerSkill {
  worker: string;
  /** Estimated probability that this worker's answer is right (0..1). */
  skill: number;
  answers: number;
  /** P(answer = column class | true class = row class), when the model has one. */
  confusion?: number[][];
}

export interface Consensus {
  method: string;
  classes: string[];
  items: ItemConsensus[];
  workers: WorkerSkill[];
  /** Row-major items × classes; each row sums to 1. */
  posteriors: Float64Array;
  /** Marginal log-likelihood of the answers under the fitted model, for models that have one. */
  logLikelihood?: number;
  iterations?: number;
  /**
   * The fitted answer model: writes P(worker answers `label` | true class c) for every class c into
   * `out` (indices are those of the encoded answers). Lets `auto` score held-out answers.
   */
  answerModel?: AnswerModel;
}

export type AnswerModel = (worker: number, item: number, label: number, out: Float64Array) => void;

/** Scores within this distance of the best count as tied (EM on symmetric data lands exactly on ties). */
const TIE_EPSILON = 1e-9;

/**
 * The index of the best score in `scores[offset .. offset+k)`; ties go to the lowest class index,
 * or to a uniformly drawn one of the tied classes when `random` is given.
 */
export function pickBest(
  scores: ArrayLike<number>,
  offset: number,
  k: number,
  random?: Random,
): { index: number; tied: number } {
  let best = -Infinity;
  for (let c = 0; c < k; c++) if (scores[offset + c]! > best) best = scores[offset + c]!;
  let tied = 0;
  let first = 0;
  for (let c = 0; c < k; c++) {
    if (scores[offset + c]! >= best - TIE_EPSILON) {
      if (tied === 0) first = c;
      tied++;
    }
  }
  if (tied <= 1 || !random) return { index: first, tied };
  let pick = Math.floor(random() * tied);
  for (let c = 0; c < k; c++) {
    if (scores[offset + c]! >= best - TIE_EPSILON && pick-- === 0) return { index: c, tied };
  }
  return { index: first, tied };
}

/** Labels every item from its posterior row. */
export function labelItems(data: EncodedAnswers, posteriors: Float64Array, random?: Random): ItemConsensus[] {
  const k = data.classes.length;
  const out: ItemConsensus[] = new Array(data.items.length);
  for (let i = 0; i < data.items.length; i++) {
    const { index, tied } = pickBest(posteriors, i * k, k, random);
    out[i] = { item: data.items[i]!, label: data.classes[index]!, confidence: posteriors[i * k + index]!, tied };
  }
  return out;
}

/** Answers per worker. */
export function answersPerWorker(data: EncodedAnswers): Int32Array {
  const counts = new Int32Array(data.workers.length);
  for (let a = 0; a < data.worker.length; a++) counts[data.worker[a]!]!++;
  return counts;
}

/**
 * Share of each worker's answers that agree with the consensus, counting a worker's answer as
 * agreeing with weight = posterior of the class the worker chose (soft agreement).
 */
export function agreementWithPosteriors(data: EncodedAnswers, posteriors: Float64Array): Float64Array {
  const k = data.classes.length;
  const agree = new Float64Array(data.workers.length);
  const counts = answersPerWorker(data);
  for (let a = 0; a < data.item.length; a++) agree[data.worker[a]!]! += posteriors[data.item[a]! * k + data.label[a]!]!;
  for (let w = 0; w < agree.length; w++) agree[w] = counts[w]! > 0 ? agree[w]! / counts[w]! : 0;
  return agree;
}

/** Log class priors from item posteriors plus `pseudoCount` per class, written into `logPriors`. */
export function logClassPriors(posteriors: Float64Array, k: number, pseudoCount: number, logPriors: Float64Array): void {
  logPriors.fill(pseudoCount);
  for (let i = 0; i < posteriors.length; i++) logPriors[i % k]! += posteriors[i]!;
  let total = 0;
  for (let c = 0; c < k; c++) total += logPriors[c]!;
  for (let c = 0; c < k; c++) logPriors[c] = Math.log(Math.max(logPriors[c]! / total, 1e-300));
}

/** Turns each row of log-scores into probabilities in place; returns the sum of row log-normalisers. */
export function normaliseLogRows(logScores: Float64Array, rows: number, k: number): number {
  let logLikelihood = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logScores[o + c]! > max) max = logScores[o + c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(logScores[o + c]! - max);
      logScores[o + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) logScores[o + c]! /= sum;
    logLikelihood += max + Math.log(sum);
  }
  return logLikelihood;
}
