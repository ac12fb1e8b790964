/**
 * Majority vote, optionally weighted per worker. The baseline every other method is measured
 * against, and the building block of Wawa and of the gold-weighted vote.
 */
import { type EncodedAnswers, voteCounts } from './answers.ts';
import { type Consensus, type WorkerSkill, answersPerWorker, labelItems } from './consensus.ts';
import type { Random } from './seeded-random.ts';

export interface VoteOptions {
  /** Breaks ties at random (seeded); without it ties go to the first class in class order. */
  random?: Random;
  /** Non-negative weight per worker index; 1 for everyone when absent. */
  weights?: Float64Array;
}

/** Vote shares per item and class (weighted); an item whose voters all weigh 0 gets a uniform row. */
export function voteShares(data: EncodedAnswers, weights?: Float64Array): Float64Array {
  const k = data.classes.length;
  const shares = voteCounts(data, weights);
  for (let i = 0; i < data.items.length; i++) {
    let total = 0;
    for (let c = 0; c < k; c++) total += shares[i * k + c]!;
    for (let c = 0; c < k; c++) shares[i * k + c] = total > 0 ? shares[i * k + c]! / total : 1 / k;
  }
  return shares;
}

/** Share of each worker's answers equal to the item's consensus label (crowd-kit's MV skill). */
export function hardAgreement(data: EncodedAnswers, labels: Int32Array): Float64Array {
  const agree = new Float64Array(data.workers.length);
  const counts = answersPerWorker(data);
  for (let a = 0; a < data.item.length; a++) if (data.label[a] === labels[data.item[a]!]) agree[data.worker[a]!]!++;
  for (let w = 0; w < agree.length; w++) agree[w] = counts[w]! > 0 ? agree[w]! / counts[w]! : 0;
  return agree;
}

export function workerSkills(data: EncodedAnswers, skill: ArrayLike<number>): WorkerSkill[] {
  const counts = answersPerWorker(data);
  return data.workers.map((worker, w) => ({ worker, skill: skill[w]!, answers: counts[w]! }));
}

export function labelIndices(data: EncodedAnswers, consensus: Consensus): Int32Array {
  const classIndex = new Map(data.classes.map((c, i) => [c, i]));
  return Int32Array.from(consensus.items, (it) => classIndex.get(it.label)!);
}

export function majorityVote(data: EncodedAnswers, options: VoteOptions = {}): Consensus {
  const posteriors = voteShares(data, options.weights);
  const items = labelItems(data, posteriors, options.random);
  const result: Consensus = { method: 'mv', classes: data.classes, items, workers: [], posteriors };
  result.workers = workerSkills(data, hardAgreement(data, labelIndices(data, result)));
  return result;
}
