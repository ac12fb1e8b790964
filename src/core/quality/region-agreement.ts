/**
 * Agreement between two annotators' regions (boxes, polygons) on one item: the regions are
 * matched one-to-one by optimal assignment on IoU (only pairs at or above the threshold, and of
 * the same label when labels are given, may match), then agreement is the share of regions that
 * found a partner, 2·matches / (|A| + |B|) (an F1), with the mean IoU of the matches beside it.
 */
import { maximumWeightAssignment } from './hungarian.ts';

export interface RegionMatch {
  a: number;
  b: number;
  iou: number;
}

export interface RegionAgreement {
  matches: RegionMatch[];
  /** 2·matches / (|A| + |B|); 1 when neither annotator drew anything. */
  f1: number;
  /** Mean IoU over matches; NaN without matches. */
  meanIoU: number;
}

export interface MatchOptions<T> {
  threshold?: number;
  /** When given, regions with different labels never match. */
  label?: (region: T) => string;
}

export function matchRegions<T>(
  a: readonly T[],
  b: readonly T[],
  iou: (x: T, y: T) => number,
  options: MatchOptions<T> = {},
): RegionMatch[] {
  const threshold = options.threshold ?? 0.5;
  if (a.length === 0 || b.length === 0) return [];
  const scores = a.map((x) =>
    b.map((y) => {
      if (options.label && options.label(x) !== options.label(y)) return 0;
      const s = iou(x, y);
      return s >= threshold ? s : 0;
    }),
  );
  const assignment = maximumWeightAssignment(scores);
  const matches: RegionMatch[] = [];
  assignment.forEach((j, i) => {
    if (j >= 0 && scores[i]![j]! > 0) matches.push({ a: i, b: j, iou: scores[i]![j]! });
  });
  return matches;
}

export function regionAgreement<T>(
  a: readonly T[],
  b: readonly T[],
  iou: (x: T, y: T) => number,
  options: MatchOptions<T> = {},
): RegionAgreement {
  const matches = matchRegions(a, b, iou, options);
  const total = a.length + b.length;
  return {
    matches,
    f1: total === 0 ? 1 : (2 * matches.length) / total,
    meanIoU: matches.length ? matches.reduce((s, m) => s + m.iou, 0) / matches.length : Number.NaN,
  };
}

/** Mean pairwise agreement over every pair of annotators of one item (F1 and mean IoU). */
export function multiAnnotatorRegionAgreement<T>(
  annotations: readonly (readonly T[])[],
  iou: (x: T, y: T) => number,
  options: MatchOptions<T> = {},
): { f1: number; meanIoU: number; pairs: number } {
  let f1 = 0;
  let iouSum = 0;
  let matched = 0;
  let pairs = 0;
  for (let i = 0; i < annotations.length; i++) {
    for (let j = i + 1; j < annotations.length; j++) {
      const r = regionAgreement(annotations[i]!, annotations[j]!, iou, options);
      f1 += r.f1;
      for (const m of r.matches) iouSum += m.iou;
      matched += r.matches.length;
      pairs++;
    }
  }
  return { f1: pairs ? f1 / pairs : Number.NaN, meanIoU: matched ? iouSum / matched : Number.NaN, pairs };
}
