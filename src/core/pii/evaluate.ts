import { PII_TYPES, type Finding, type PiiType } from './types.ts';

/**
 * Detection quality against gold spans, per type. A detection counts only when its type, start
 * and end all equal a gold span's: finding half a name, or a phone number without its country
 * code, is a miss and a false alarm.
 */
export interface TypeScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when nothing of this type was detected. */
  precision: number | null;
  /** null when the gold set holds nothing of this type. */
  recall: number | null;
}

export interface DetectionErrors {
  missed: Finding[];
  spurious: Finding[];
}

const key = (f: Finding): string => `${f.type}:${f.start}:${f.end}`;

/** Compare one document's detections with its gold spans. */
export function compareFindings(gold: readonly Finding[], detected: readonly Finding[]): DetectionErrors {
  const goldKeys = new Set(gold.map(key));
  const detectedKeys = new Set(detected.map(key));
  return {
    missed: gold.filter((g) => !detectedKeys.has(key(g))),
    spurious: detected.filter((d) => !goldKeys.has(key(d))),
  };
}

/** Per-type scores over documents given as (gold, detected) pairs. */
export function scoreDetections(documents: Iterable<{ gold: readonly Finding[]; detected: readonly Finding[] }>): Record<PiiType, TypeScore> {
  const counts = Object.fromEntries(PII_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<PiiType, { tp: number; fp: number; fn: number }>;
  for (const { gold, detected } of documents) {
    const { missed, spurious } = compareFindings(gold, detected);
    for (const g of gold) counts[g.type].tp++;
    for (const m of missed) {
      counts[m.type].tp--;
      counts[m.type].fn++;
    }
    for (const s of spurious) counts[s.type].fp++;
  }
  const scores = {} as Record<PiiType, TypeScore>;
  for (const t of PII_TYPES) {
    const { tp, fp, fn } = counts[t];
    scores[t] = {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? null : tp / (tp + fp),
      recall: tp + fn === 0 ? null : tp / (tp + fn),
    };
  }
  return scores;
}
