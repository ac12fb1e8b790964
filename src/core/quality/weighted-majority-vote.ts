/**
 * Vote weighted by accuracy on gold items. A worker's weight is the log-odds that their answer is
 * right, log((K-1)·a/(1-a)), which is the optimal weight when errors spread evenly over the other
 * classes; a worker's accuracy is shrunk towards the crowd's accuracy on gold, so one lucky gold
 * answer does not make an expert. Workers with no gold answer get the crowd's weight.
 */
import type { EncodedAnswers } from './answers.ts';
import { type Consensus, answersPerWorker, labelItems, normaliseLogRows } from './consensus.ts';
import { type Random, seededRandom } from './seeded-random.ts';

export interface GoldWeightOptions {
  /** Pseudo-answers at the crowd's gold accuracy added to each worker's own. */
  priorStrength?: number;
  random?: Random;
}

export interface GoldAccuracy {
  /** Shrunk accuracy per worker index. */
  accuracy: Float64Array;
  /** Gold answers per worker index. */
  goldAnswers: Int32Array;
  crowdAccuracy: number;
}

/** Accuracy of each worker on the gold items for which `use(item)` holds. */
export function goldAccuracy(
  data: EncodedAnswers,
  gold: ReadonlyMap<string, string>,
  options: { priorStrength?: number; use?: (item: number) => boolean } = {},
): GoldAccuracy {
  const strength = options.priorStrength ?? 2;
  const truth = goldIndices(data, gold);
  const correct = new Float64Array(data.workers.length);
  const goldAnswers = new Int32Array(data.workers.length);
  let right = 0;
  let total = 0;
  for (let a = 0; a < data.item.length; a++) {
    const i = data.item[a]!;
    if (truth[i]! < 0 || (options.use && !options.use(i))) continue;
    const ok = data.label[a] === truth[i] ? 1 : 0;
    correct[data.worker[a]!]! += ok;
    goldAnswers[data.worker[a]!]!++;
    right += ok;
    total++;
  }
  const k = data.classes.length;
  const crowdAccuracy = total > 0 ? right / total : 1 / Math.max(k, 2) + 0.25;
  const accuracy = new Float64Array(data.workers.length);
  for (let w = 0; w < accuracy.length; w++) {
    accuracy[w] = (correct[w]! + strength * crowdAccuracy) / (goldAnswers[w]! + strength);
  }
  return { accuracy, goldAnswers, crowdAccuracy };
}

/** Gold class index per item index, -1 where the item has no gold label (or an unknown one). */
export function goldIndices(data: EncodedAnswers, gold: ReadonlyMap<string, string>): Int32Array {
  const classIndex = new Map(data.classes.map((c, i) => [c, i]));
  return Int32Array.from(data.items, (item) => {
    const label = gold.get(item);
    return label === undefined ? -1 : (classIndex.get(label) ?? -1);
  });
}

function logOddsWeights(accuracy: Float64Array, k: number): Float64Array {
  return accuracy.map((a) => {
    const p = Math.min(Math.max(a, 1e-3), 1 - 1e-3);
    return Math.log((Math.max(k, 2) - 1) * p) - Math.log(1 - p);
  });
}

/** Posterior rows of the vote, each item voted with the weight vector `weightsFor(item)`. */
function weightedPosteriors(data: EncodedAnswers, weightsFor: (item: number) => Float64Array): Float64Array {
  const k = data.classes.length;
  const scores = new Float64Array(data.items.length * k);
  for (let a = 0; a < data.item.length; a++) {
    const i = data.item[a]!;
    scores[i * k + data.label[a]!]! += weightsFor(i)[data.worker[a]!]!;
  }
  normaliseLogRows(scores, data.items.length, k);
  return scores;
}

function consensusOf(data: EncodedAnswers, posteriors: Float64Array, accuracy: Float64Array, random?: Random): Consensus {
  const counts = answersPerWorker(data);
  return {
    method: 'wmv',
    classes: data.classes,
    items: labelItems(data, posteriors, random),
    workers: data.workers.map((worker, w) => ({ worker, skill: accuracy[w]!, answers: counts[w]! })),
    posteriors,
  };
}

export function weightedMajorityVote(
  data: EncodedAnswers,
  gold: ReadonlyMap<string, string>,
  options: GoldWeightOptions = {},
): Consensus {
  const { accuracy } = goldAccuracy(data, gold, options);
  const weights = logOddsWeights(accuracy, data.classes.length);
  return consensusOf(data, weightedPosteriors(data, () => weights), accuracy, options.random);
}

/**
 * The same vote, but a gold item is labelled with weights learned from the *other* gold items
 * (k-fold cross-fitting), so that accuracy measured on gold is not flattered by the gold answers
 * themselves. Items without gold use weights from all gold items.
 */
export function crossFittedWeightedVote(
  data: EncodedAnswers,
  gold: ReadonlyMap<string, string>,
  options: GoldWeightOptions & { folds?: number; seed?: number } = {},
): Consensus {
  const folds = options.folds ?? 5;
  const truth = goldIndices(data, gold);
  const random = seededRandom(options.seed ?? 1);
  const fold = Int32Array.from(truth, (t) => (t < 0 ? -1 : Math.floor(random() * folds)));
  const k = data.classes.length;
  const all = goldAccuracy(data, gold, options);
  const allWeights = logOddsWeights(all.accuracy, k);
  const foldWeights = Array.from({ length: folds }, (_, f) =>
    logOddsWeights(goldAccuracy(data, gold, { ...options, use: (i) => fold[i] !== f }).accuracy, k),
  );
  const posteriors = weightedPosteriors(data, (i) => (fold[i]! < 0 ? allWeights : foldWeights[fold[i]!]!));
  return consensusOf(data, posteriors, all.accuracy, options.random);
}
