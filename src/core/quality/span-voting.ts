/**
 * Consensus spans for one text: a span (start, end, label) is kept when a majority of the
 * annotators who worked on the text marked exactly it. An annotator who marked nothing still
 * counts, as a vote for "no span here". Weights per annotator are optional (e.g. gold accuracy).
 */
import { type Span, spanF1 } from './span-f1.ts';

export interface SpanAnnotation {
  worker: string;
  spans: readonly Span[];
}

export interface VotedSpan extends Span {
  /** Weighted share of the annotators who marked this span. */
  confidence: number;
}

export interface SpanVoteOptions {
  /** Kept when the share is strictly above this (0.5 = strict majority). */
  minShare?: number;
  weights?: ReadonlyMap<string, number>;
}

export function voteSpans(annotations: readonly SpanAnnotation[], options: SpanVoteOptions = {}): VotedSpan[] {
  const minShare = options.minShare ?? 0.5;
  const weight = (worker: string): number => options.weights?.get(worker) ?? 1;
  const total = annotations.reduce((s, a) => s + weight(a.worker), 0);
  if (total <= 0) return [];
  const support = new Map<string, { span: Span; weight: number }>();
  for (const annotation of annotations) {
    // One vote per annotator per span, however often they marked it.
    const seen = new Set<string>();
    for (const span of annotation.spans) {
      const key = `${span.start}:${span.end}:${span.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = support.get(key) ?? { span: { start: span.start, end: span.end, label: span.label }, weight: 0 };
      entry.weight += weight(annotation.worker);
      support.set(key, entry);
    }
  }
  return [...support.values()]
    .filter((e) => e.weight / total > minShare)
    .map((e) => ({ ...e.span, confidence: e.weight / total }))
    .sort((x, y) => x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : 1));
}

/**
 * Each annotator's agreement with the consensus spans: mean exact-match span F1 over the texts
 * they annotated (1 when both are empty), with one pseudo-text at 0.5 so that one text is not
 * enough to be trusted blindly. Usable as `weights` for a second vote.
 */
export function spanWorkerSkills(
  texts: ReadonlyMap<string, readonly SpanAnnotation[]>,
  consensus: ReadonlyMap<string, readonly Span[]>,
): Map<string, number> {
  const sums = new Map<string, { f1: number; texts: number }>();
  for (const [text, annotations] of texts) {
    const agreed = consensus.get(text) ?? [];
    for (const a of annotations) {
      const s = sums.get(a.worker) ?? { f1: 0.5, texts: 1 };
      s.f1 += spanF1(a.spans, agreed, 'exact').f1;
      s.texts++;
      sums.set(a.worker, s);
    }
  }
  return new Map([...sums].map(([worker, s]) => [worker, s.f1 / s.texts]));
}
