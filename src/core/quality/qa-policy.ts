/**
 * A project's QA policy: how many annotators, how much of each workforce's work is reviewed, what
 * sends an item to adjudication by experts, where rejected work goes, how often gold tasks are mixed
 * in and the gold accuracy under which an annotator is paused.
 */
import type { PoolKind } from '../workforce.ts';

export interface QaPolicy {
  /** Share of items reviewed, by the kind of pool whose members labelled them (`staff`: no pool). */
  reviewRates: Record<PoolKind | 'staff', number>;
  /** Per pool key, overriding the rate of its kind. */
  poolReviewRates: Record<string, number>;
  /** Items whose annotators agree less than this go to adjudication (null: never for agreement). */
  agreementThreshold: number | null;
  /** An item whose consensus contradicts its known answer goes to adjudication. */
  adjudicateOnGoldFail: boolean;
  /** What a rejection does: the work is redone, or the item goes to the experts. */
  onReject: 'rework' | 'adjudicate';
  /** Rejected work goes back to the same annotator, or to another one. */
  reworkTo: 'same' | 'other';
  /** Share of an annotator's tasks that are gold tasks (0: none). */
  goldRate: number;
  /** A gold answer passes at this score or above (see result-score.ts: 1 is an exact match). */
  goldPassScore: number;
  /** An annotator under this accuracy on gold is paused… */
  goldMinAccuracy: number;
  /** …once they have answered at least this many gold tasks. */
  goldMinSamples: number;
}

export const DEFAULT_QA_POLICY: QaPolicy = {
  reviewRates: { crowd: 1, vendor: 0.1, in_house: 0.02, staff: 0 },
  poolReviewRates: {},
  agreementThreshold: 0.6,
  adjudicateOnGoldFail: true,
  onReject: 'rework',
  reworkTo: 'same',
  goldRate: 0,
  goldPassScore: 0.8,
  goldMinAccuracy: 0.8,
  goldMinSamples: 10,
};

export function qaPolicyOf(stored: Partial<QaPolicy> | null | undefined): QaPolicy {
  return {
    ...DEFAULT_QA_POLICY,
    ...stored,
    reviewRates: { ...DEFAULT_QA_POLICY.reviewRates, ...stored?.reviewRates },
    poolReviewRates: { ...stored?.poolReviewRates },
  };
}

/** A number in [0, 1) from an item id, the same every time: deterministic review sampling. */
export function sampleDraw(itemId: number, salt = 0): number {
  let x = (itemId ^ (salt * 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

export interface Labeller {
  poolKey: string | null;
  poolKind: PoolKind | null;
}

/** The review rate of an item: the highest rate among its labellers' pools, or the routing rule's. */
export function reviewRate(policy: QaPolicy, labellers: readonly Labeller[], ruleSample: number | null): number {
  let rate = ruleSample ?? 0;
  for (const l of labellers) {
    const byPool = l.poolKey !== null ? policy.poolReviewRates[l.poolKey] : undefined;
    rate = Math.max(rate, byPool ?? policy.reviewRates[l.poolKind ?? 'staff']);
  }
  return Math.min(1, Math.max(0, rate));
}

export type NextStage = { stage: 'adjudication'; reason: 'low_agreement' | 'gold_failed' } | { stage: 'review'; reason: 'sampled' } | { stage: 'accepted'; reason: 'consensus' };

export interface StageFacts {
  itemId: number;
  agreement: number | null;
  /** The consensus contradicts the item's known answer. */
  goldFailed: boolean;
  labellers: readonly Labeller[];
  ruleReviewSample: number | null;
}

/** Where a labelled item goes next. */
export function nextStage(policy: QaPolicy, facts: StageFacts): NextStage {
  if (facts.goldFailed && policy.adjudicateOnGoldFail) return { stage: 'adjudication', reason: 'gold_failed' };
  if (policy.agreementThreshold !== null && facts.agreement !== null && facts.agreement < policy.agreementThreshold) {
    return { stage: 'adjudication', reason: 'low_agreement' };
  }
  if (sampleDraw(facts.itemId) < reviewRate(policy, facts.labellers, facts.ruleReviewSample)) return { stage: 'review', reason: 'sampled' };
  return { stage: 'accepted', reason: 'consensus' };
}

/** Should the annotator be paused, from their gold results in the project? */
export function shouldPause(policy: QaPolicy, gold: { answered: number; passed: number }): boolean {
  return gold.answered >= policy.goldMinSamples && gold.passed / gold.answered < policy.goldMinAccuracy;
}
