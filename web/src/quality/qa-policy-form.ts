/** The QA policy as its form holds it (percentages typed as text) and back. */
import type { PoolKindOrStaff, QaPolicy } from '../api/quality-types.ts';

export const KINDS: { kind: PoolKindOrStaff; words: string }[] = [
  { kind: 'in_house', words: 'In-house pools' },
  { kind: 'vendor', words: 'Vendor pools' },
  { kind: 'crowd', words: 'Crowd pools' },
  { kind: 'staff', words: 'Staff outside pools' },
];

export interface QaPolicyForm {
  reviewRates: Record<PoolKindOrStaff, string>;
  poolReviewRates: Record<string, string>;
  agreementThreshold: string;
  adjudicateOnGoldFail: boolean;
  onReject: QaPolicy['onReject'];
  reworkTo: QaPolicy['reworkTo'];
  goldRate: string;
  goldPassScore: string;
  goldMinAccuracy: string;
  goldMinSamples: string;
}

const pct = (x: number): string => String(Math.round(x * 10_000) / 100);
const fraction = (text: string): number => Number(text) / 100;

export function formFromPolicy(p: QaPolicy): QaPolicyForm {
  return {
    reviewRates: { in_house: pct(p.reviewRates.in_house), vendor: pct(p.reviewRates.vendor), crowd: pct(p.reviewRates.crowd), staff: pct(p.reviewRates.staff) },
    poolReviewRates: Object.fromEntries(Object.entries(p.poolReviewRates).map(([k, v]) => [k, pct(v)])),
    agreementThreshold: p.agreementThreshold === null ? '' : String(p.agreementThreshold),
    adjudicateOnGoldFail: p.adjudicateOnGoldFail,
    onReject: p.onReject,
    reworkTo: p.reworkTo,
    goldRate: pct(p.goldRate),
    goldPassScore: pct(p.goldPassScore),
    goldMinAccuracy: pct(p.goldMinAccuracy),
    goldMinSamples: String(p.goldMinSamples),
  };
}

/** The policy to send; an empty pool rate falls back to the rate of the pool's kind. */
export function policyFromForm(f: QaPolicyForm): QaPolicy {
  return {
    reviewRates: { in_house: fraction(f.reviewRates.in_house), vendor: fraction(f.reviewRates.vendor), crowd: fraction(f.reviewRates.crowd), staff: fraction(f.reviewRates.staff) },
    poolReviewRates: Object.fromEntries(
      Object.entries(f.poolReviewRates)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, fraction(v)]),
    ),
    agreementThreshold: f.agreementThreshold.trim() === '' ? null : Number(f.agreementThreshold),
    adjudicateOnGoldFail: f.adjudicateOnGoldFail,
    onReject: f.onReject,
    reworkTo: f.reworkTo,
    goldRate: fraction(f.goldRate),
    goldPassScore: fraction(f.goldPassScore),
    goldMinAccuracy: fraction(f.goldMinAccuracy),
    goldMinSamples: Number(f.goldMinSamples),
  };
}
