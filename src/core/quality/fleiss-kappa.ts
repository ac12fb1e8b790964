/**
 * Fleiss' kappa: agreement among many raters when the raters of a subject need not be the same
 * people. Subjects may have different numbers of ratings (each subject's agreement is then over
 * its own pairs); with a constant number it is exactly Fleiss (1971).
 */
import type { Unit } from './reliability-data.ts';

/** From a subjects × categories table of how many raters chose each category. */
export function fleissKappa(counts: readonly (readonly number[])[]): number {
  const k = counts[0]?.length ?? 0;
  const totals = new Array<number>(k).fill(0);
  let ratings = 0;
  let agreement = 0;
  let subjects = 0;
  for (const row of counts) {
    const m = row.reduce((s, x) => s + x, 0);
    if (m < 2) continue;
    let same = 0;
    row.forEach((x, j) => {
      same += x * (x - 1);
      totals[j]! += x;
    });
    agreement += same / (m * (m - 1));
    ratings += m;
    subjects++;
  }
  if (subjects === 0) return Number.NaN;
  const observed = agreement / subjects;
  const expected = totals.reduce((s, x) => s + (x / ratings) ** 2, 0);
  return expected === 1 ? Number.NaN : (observed - expected) / (1 - expected);
}

/** From units (the values each subject received). */
export function fleissKappaFromUnits(units: readonly Unit[]): number {
  const categories = new Map<string, number>();
  for (const unit of units) for (const v of unit) if (!categories.has(String(v))) categories.set(String(v), categories.size);
  const counts = units.map((unit) => {
    const row = new Array<number>(categories.size).fill(0);
    for (const v of unit) row[categories.get(String(v))!]!++;
    return row;
  });
  return fleissKappa(counts);
}
