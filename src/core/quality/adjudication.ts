/**
 * Which items go to an expert: where the consensus is weak. A tie always goes (the label was
 * picked by rule or by chance); otherwise an item goes when its confidence is below the
 * threshold, or when too few people answered it to call it settled.
 */
export interface ConsensusLike {
  item: string;
  label: string;
  confidence: number;
  tied?: number;
  answers?: number;
}

export type AdjudicationReason = 'tie' | 'low_confidence' | 'too_few_answers';

export interface AdjudicationCase {
  item: string;
  label: string;
  confidence: number;
  reason: AdjudicationReason;
}

export interface AdjudicationPolicy {
  /** Items whose confidence is below this go to adjudication. */
  minConfidence: number;
  /** Items with fewer answers than this go too (when the answer count is known). */
  minAnswers?: number;
}

/** The items to adjudicate, weakest consensus first. */
export function selectForAdjudication(items: readonly ConsensusLike[], policy: AdjudicationPolicy): AdjudicationCase[] {
  const cases: AdjudicationCase[] = [];
  for (const it of items) {
    let reason: AdjudicationReason | null = null;
    if ((it.tied ?? 1) > 1) reason = 'tie';
    else if (it.confidence < policy.minConfidence) reason = 'low_confidence';
    else if (policy.minAnswers !== undefined && it.answers !== undefined && it.answers < policy.minAnswers) {
      reason = 'too_few_answers';
    }
    if (reason) cases.push({ item: it.item, label: it.label, confidence: it.confidence, reason });
  }
  return cases.sort((a, b) => a.confidence - b.confidence || (a.item < b.item ? -1 : 1));
}
