/**
 * `auto`: a stacked ensemble of aggregation models, weighted by how well each predicts answers it
 * has not seen. Gold labels are never read, so the weighting cannot leak the evaluation set.
 *
 * The answers are split into folds; every candidate model is fitted without one fold and gives,
 * for each held-out answer, its probability (from the item posterior of the remaining answers and
 * the worker's fitted answer model). Mixture weights over the candidates are then chosen to
 * maximise the held-out log-likelihood (stacking of predictive distributions; the problem is
 * concave and EM on the weights reaches its optimum). Finally every candidate with weight is
 * fitted on all answers and the item posteriors are averaged with those weights.
 *
 * Why: full Dawid-Skene wins where workers have many answers and biased confusions, but overfits
 * sparse data with many classes, where stronger smoothing, MACE or GLAD generalise better; which
 * one holds on a given data set is exactly what held-out likelihood measures. Cost: about
 * (folds + 1) fits of each candidate.
 */
import { type EncodedAnswers, subsetAnswers } from './answers.ts';
import { type Consensus, answersPerWorker, labelItems } from './consensus.ts';
import { dawidSkene } from './dawid-skene.ts';
import { glad } from './glad.ts';
import { mace } from './mace.ts';
import { type Random, seededRandom } from './seeded-random.ts';

export type Candidate = (data: EncodedAnswers) => Consensus;

export interface AutoOptions {
  folds?: number;
  /** Seed of the fold split (1 when absent). */
  seed?: number;
  /** Breaks ties at random (seeded); first class otherwise. */
  random?: Random;
  /** Models to combine; by default Dawid-Skene at five smoothing strengths, MACE and GLAD. */
  candidates?: Record<string, Candidate>;
  /** After each model fit: `done` of `total` (every candidate once per fold, then once on all answers). */
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface CandidateWeight {
  method: string;
  weight: number;
  /** Mean log-probability of a held-out answer under this candidate alone. */
  heldOutLogLikelihood: number;
}

export interface AutoConsensus extends Consensus {
  /** The candidates with their stacking weights, heaviest first. */
  ensemble: CandidateWeight[];
}

export function defaultCandidates(): Record<string, Candidate> {
  const candidates: Record<string, Candidate> = {};
  for (const smoothing of [0.01, 0.1, 0.5, 1, 2]) {
    candidates[`ds(smoothing=${smoothing})`] = (d) => dawidSkene(d, { smoothing });
  }
  candidates.mace = (d) => mace(d, { restarts: 3 });
  candidates.glad = (d) => glad(d);
  return candidates;
}

/** Assigns each answer to one of `folds` folds of (nearly) equal size, at random. */
export function foldOf(n: number, folds: number, random: Random): Uint8Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const fold = new Uint8Array(n);
  order.forEach((a, rank) => (fold[a] = rank % folds));
  return fold;
}

/** The training answers of each fold: everything outside it. */
export function foldTrainingSets(data: EncodedAnswers, fold: Uint8Array, folds: number): EncodedAnswers[] {
  return Array.from({ length: folds }, (_, f) => subsetAnswers(data, (a) => fold[a] !== f));
}

/** For every answer, its probability under the candidate fitted on the other folds. */
export function heldOutProbabilities(data: EncodedAnswers, fit: Candidate, fold: Uint8Array, training: EncodedAnswers[], onFit?: () => void): Float64Array {
  const k = data.classes.length;
  const answerGivenClass = new Float64Array(k);
  const out = new Float64Array(data.item.length);
  training.forEach((subset, f) => {
    const model = fit(subset);
    if (!model.answerModel) throw new TypeError(`${model.method} has no answer model to score`);
    for (let a = 0; a < data.item.length; a++) {
      if (fold[a] !== f) continue;
      const i = data.item[a]!;
      model.answerModel(data.worker[a]!, i, data.label[a]!, answerGivenClass);
      let p = 0;
      for (let c = 0; c < k; c++) p += model.posteriors[i * k + c]! * answerGivenClass[c]!;
      out[a] = Math.max(p, 1e-300);
    }
    onFit?.();
  });
  return out;
}

/** Mixture weights maximising Σ log Σ_m w_m p_m(a), by EM (fixed point of the weights). */
export function stackingWeights(probabilities: Float64Array[], iterations = 300): Float64Array {
  const m = probabilities.length;
  const n = probabilities[0]?.length ?? 0;
  const weights = new Float64Array(m).fill(1 / m);
  const next = new Float64Array(m);
  for (let it = 0; it < iterations && n > 0; it++) {
    next.fill(0);
    for (let a = 0; a < n; a++) {
      let mixture = 0;
      for (let j = 0; j < m; j++) mixture += weights[j]! * probabilities[j]![a]!;
      for (let j = 0; j < m; j++) next[j]! += (weights[j]! * probabilities[j]![a]!) / mixture;
    }
    let change = 0;
    for (let j = 0; j < m; j++) {
      change = Math.max(change, Math.abs(next[j]! / n - weights[j]!));
      weights[j] = next[j]! / n;
    }
    if (change < 1e-6) break;
  }
  return weights;
}

/** Weights below this are dropped before the final fits: they cannot move a posterior. */
const NEGLIGIBLE = 1e-3;

export function autoAggregate(data: EncodedAnswers, options: AutoOptions = {}): AutoConsensus {
  const folds = options.folds ?? 5;
  const candidates = options.candidates ?? defaultCandidates();
  const names = Object.keys(candidates);
  const fold = foldOf(data.item.length, folds, seededRandom(options.seed ?? 1));
  const training = foldTrainingSets(data, fold, folds);
  const total = names.length * (folds + 1);
  let done = 0;
  const probabilities = names.map((name) =>
    heldOutProbabilities(data, candidates[name]!, fold, training, () => options.onProgress?.(++done, total, `cross-validating ${name}`)),
  );
  const weights = stackingWeights(probabilities);

  const k = data.classes.length;
  const posteriors = new Float64Array(data.items.length * k);
  const skill = new Float64Array(data.workers.length);
  let kept = 0;
  names.forEach((name, j) => {
    // A dropped candidate is not fitted again, but its step still counts.
    if (weights[j]! < NEGLIGIBLE) return void options.onProgress?.(++done, total, `skipping ${name}`);
    kept += weights[j]!;
    const fit = candidates[name]!(data);
    options.onProgress?.(++done, total, `fitting ${name}`);
    for (let x = 0; x < posteriors.length; x++) posteriors[x]! += weights[j]! * fit.posteriors[x]!;
    fit.workers.forEach((w, index) => (skill[index]! += weights[j]! * w.skill));
  });
  for (let x = 0; x < posteriors.length; x++) posteriors[x]! /= kept;
  const counts = answersPerWorker(data);
  const ensemble = names
    .map((method, j) => ({
      method,
      weight: weights[j]!,
      heldOutLogLikelihood: probabilities[j]!.reduce((s, p) => s + Math.log(p), 0) / Math.max(1, data.item.length),
    }))
    .sort((x, y) => y.weight - x.weight);
  return {
    method: 'auto',
    classes: data.classes,
    items: labelItems(data, posteriors, options.random),
    workers: data.workers.map((worker, w) => ({ worker, skill: skill[w]! / kept, answers: counts[w]! })),
    posteriors,
    ensemble,
  };
}
