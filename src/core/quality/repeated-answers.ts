/**
 * Several answers of one worker on one item. Crowd exports hold them (a re-submitted task, a
 * worker served the same item twice), and the statistics must decide what they mean: to an
 * agreement metric they are one coder rating one unit, who cannot disagree with themselves; to an
 * aggregation method they are more evidence from that worker.
 */
import type { Answer } from './answers.ts';

/** One (item, worker) pair answered more than once, with the indices of its answers in order. */
export interface RepeatedPair {
  item: string;
  worker: string;
  answers: number[];
}

/** Every (item, worker) pair answered more than once, in the order of its first answer. */
export function repeatedPairs(answers: readonly Pick<Answer, 'item' | 'worker'>[]): RepeatedPair[] {
  // Keyed by item and worker separately: any one-string key could be forged by a name holding the separator.
  const byItem = new Map<string, Map<string, RepeatedPair>>();
  const order: RepeatedPair[] = [];
  answers.forEach((a, index) => {
    let workers = byItem.get(a.item);
    if (!workers) byItem.set(a.item, (workers = new Map()));
    const pair = workers.get(a.worker);
    if (pair) pair.answers.push(index);
    else {
      const created = { item: a.item, worker: a.worker, answers: [index] };
      workers.set(a.worker, created);
      order.push(created);
    }
  });
  return order.filter((p) => p.answers.length > 1);
}

/**
 * The indices of one answer per (item, worker), in order: the last one, as a later answer is the
 * worker's correction of an earlier one (the rule Cohen's kappa has always applied).
 */
export function lastAnswerPerPair(answers: readonly Pick<Answer, 'item' | 'worker'>[]): number[] {
  const superseded = new Set<number>();
  for (const pair of repeatedPairs(answers)) for (const index of pair.answers.slice(0, -1)) superseded.add(index);
  return answers.map((_, index) => index).filter((index) => !superseded.has(index));
}
