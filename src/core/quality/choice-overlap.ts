/**
 * How far two answers to one choice question agree: the share of the labels either chose that both
 * chose (Jaccard). A single-choice answer scores 1 or 0; two empty answers agree.
 */
export function choiceOverlap(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  const union = new Set([...sa, ...sb]).size;
  if (union === 0) return 1;
  let both = 0;
  for (const x of sa) if (sb.has(x)) both++;
  return both / union;
}
