/**
 * Each annotator's answers against the items' settled labels, counted: what they actually answered,
 * row by row, not a model's estimate. Dawid-Skene's matrices, smoothed with a pseudo-count in
 * every cell, showed an annotator who agreed on every settled item with 10 % errors in each row of
 * 8 to 17 answers; a manager reads such a figure as mistakes made.
 *
 * An answer is compared when its item has a settled label that is not that answer alone: a known
 * answer (an expert's or a manager's), or the label of an accepted item that two or more annotators
 * answered. An item with one answer and no known answer agrees with itself and says nothing about
 * its annotator. Answers on items two or more annotators answered whose label is not settled yet
 * (in review, with the experts) are counted apart.
 */
import type { Answer } from './answers.ts';

/** An item's settled label, and whether it is a known answer (independent of every annotator). */
export interface SettledLabel {
  label: string;
  known: boolean;
}

export interface ObservedConfusion {
  worker: string;
  /** Answers compared with a settled label. */
  answers: number;
  /** Of those, the ones that gave the settled label. */
  agreed: number;
  /** Answers on items two or more annotators answered whose label is not settled yet. */
  unsettled: number;
  /** counts[settled][given], in the order of the labels. */
  counts: number[][];
}

/**
 * The counts of every annotator with an answer compared or waiting, least agreeing first (by their
 * share of agreement, then by name). `labels` must hold every label answered and settled.
 */
export function observedConfusion(answers: readonly Answer[], settled: ReadonlyMap<string, SettledLabel>, labels: readonly string[]): ObservedConfusion[] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const at = (label: string): number => {
    const i = index.get(label);
    if (i === undefined) throw new RangeError(`label ${JSON.stringify(label)} is not one of the labels`);
    return i;
  };
  const workersOf = new Map<string, Set<string>>();
  for (const a of answers) {
    const set = workersOf.get(a.item);
    if (set) set.add(a.worker);
    else workersOf.set(a.item, new Set([a.worker]));
  }
  const byWorker = new Map<string, ObservedConfusion>();
  const of = (worker: string): ObservedConfusion => {
    let w = byWorker.get(worker);
    if (!w) {
      w = { worker, answers: 0, agreed: 0, unsettled: 0, counts: labels.map(() => labels.map(() => 0)) };
      byWorker.set(worker, w);
    }
    return w;
  };
  for (const a of answers) {
    const shared = workersOf.get(a.item)!.size >= 2;
    const truth = settled.get(a.item);
    if (truth && (truth.known || shared)) {
      const w = of(a.worker);
      w.answers++;
      if (truth.label === a.label) w.agreed++;
      w.counts[at(truth.label)]![at(a.label)]!++;
    } else if (shared) {
      of(a.worker).unsettled++;
    }
  }
  const share = (w: ObservedConfusion) => (w.answers === 0 ? Infinity : w.agreed / w.answers);
  return [...byWorker.values()].sort((a, b) => share(a) - share(b) || (a.worker < b.worker ? -1 : a.worker > b.worker ? 1 : 0));
}
