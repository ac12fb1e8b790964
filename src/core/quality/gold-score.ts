/**
 * Scores a consensus against known answers (gold items). Two readings of a tie: the strict one
 * counts a tied item as wrong whatever label the tie-break picked (what `atelier aggregate --gold`
 * reports), the expected one gives it 1/t when the right class is among the t tied classes (the
 * "random tie-breaking, averaged" figure of the truth-inference literature).
 */
import type { Consensus } from './consensus.ts';

export interface GoldScore {
  /** Gold items that have a consensus. */
  scored: number;
  /** Gold items nobody answered (not in `scored`). */
  unanswered: number;
  correct: number;
  tiedItems: number;
  /** correct / scored, a tie counting as wrong. */
  accuracy: number;
  /** Expected accuracy under uniformly random tie-breaking. */
  expectedAccuracy: number;
}

const TIE_EPSILON = 1e-9;

export function scoreAgainstGold(consensus: Consensus, gold: ReadonlyMap<string, string>): GoldScore {
  const k = consensus.classes.length;
  const classIndex = new Map(consensus.classes.map((c, i) => [c, i]));
  let scored = 0;
  let correct = 0;
  let expected = 0;
  let tiedItems = 0;
  const seen = new Set<string>();
  consensus.items.forEach((it, i) => {
    const truth = gold.get(it.item);
    if (truth === undefined) return;
    seen.add(it.item);
    scored++;
    if (it.tied > 1) tiedItems++;
    else if (it.label === truth) correct++;
    const t = classIndex.get(truth);
    if (t === undefined) return;
    let best = -Infinity;
    for (let c = 0; c < k; c++) best = Math.max(best, consensus.posteriors[i * k + c]!);
    if (consensus.posteriors[i * k + t]! >= best - TIE_EPSILON) expected += 1 / it.tied;
  });
  const unanswered = [...gold.keys()].filter((item) => !seen.has(item)).length;
  return {
    scored,
    unanswered,
    correct,
    tiedItems,
    accuracy: scored > 0 ? correct / scored : 0,
    expectedAccuracy: scored > 0 ? expected / scored : 0,
  };
}

export interface NumericError {
  scored: number;
  meanAbsoluteError: number;
  rootMeanSquaredError: number;
}

export function numericError(
  estimates: readonly { item: string; value: number }[],
  gold: ReadonlyMap<string, number>,
): NumericError {
  let scored = 0;
  let absolute = 0;
  let squared = 0;
  for (const { item, value } of estimates) {
    const truth = gold.get(item);
    if (truth === undefined) continue;
    scored++;
    absolute += Math.abs(value - truth);
    squared += (value - truth) ** 2;
  }
  return {
    scored,
    meanAbsoluteError: scored > 0 ? absolute / scored : 0,
    rootMeanSquaredError: scored > 0 ? Math.sqrt(squared / scored) : 0,
  };
}
