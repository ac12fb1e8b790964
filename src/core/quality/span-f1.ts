/**
 * Span F1 between two annotators of one text (or a prediction against a reference): `exact`
 * counts a span as shared when start, end and label are identical; `overlap` matches spans
 * one-to-one (optimal assignment on character overlap) when they overlap and share the label.
 */
import { maximumWeightAssignment } from './hungarian.ts';

/** Offsets into the text, end exclusive, as the label schema's span regions. */
export interface Span {
  start: number;
  end: number;
  label: string;
}

export type SpanMatchMode = 'exact' | 'overlap';

export interface SpanScore {
  matched: number;
  /** matched / |A| (A read as the prediction). */
  precision: number;
  /** matched / |B| (B read as the reference). */
  recall: number;
  f1: number;
}

export function spanOverlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function exactMatches(a: readonly Span[], b: readonly Span[]): number {
  const remaining = new Map<string, number>();
  for (const s of b) {
    const key = `${s.start}:${s.end}:${s.label}`;
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  let matched = 0;
  for (const s of a) {
    const key = `${s.start}:${s.end}:${s.label}`;
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      matched++;
      remaining.set(key, left - 1);
    }
  }
  return matched;
}

function overlapMatches(a: readonly Span[], b: readonly Span[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const weights = a.map((x) => b.map((y) => (x.label === y.label ? spanOverlap(x, y) : 0)));
  return maximumWeightAssignment(weights).filter((j, i) => j >= 0 && weights[i]![j]! > 0).length;
}

export function spanF1(a: readonly Span[], b: readonly Span[], mode: SpanMatchMode = 'exact'): SpanScore {
  const matched = mode === 'exact' ? exactMatches(a, b) : overlapMatches(a, b);
  const precision = a.length ? matched / a.length : b.length ? 0 : 1;
  const recall = b.length ? matched / b.length : a.length ? 0 : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { matched, precision, recall, f1 };
}
