/**
 * The true cost per accepted label: everything spent, divided by the labels that were accepted.
 * Rework (rejected labels), overlap, review, gold items, training and qualification, and the idle
 * months of a fixed team all count; work still pending does not (it has neither produced nor
 * failed a label yet) and is shown apart.
 */
import type { CostCategory, CostEntry } from './ledger.ts';
import { COST_CATEGORIES } from './ledger.ts';
import { type ExchangeRates, rateOf } from './money.ts';
import { type AnnotationFact, annotationRoles } from './work-facts.ts';

export interface TrueCost {
  currency: string;
  acceptedLabels: number;
  /** Everything but pending work. */
  total: number;
  pending: number;
  perAcceptedLabel: number | null;
  /** Amount per category (pending included, to show it). */
  breakdown: Record<CostCategory, number>;
  /** Share of the cost per accepted label from each category; null without accepted labels. */
  perLabel: Record<CostCategory, number> | null;
}

/** Accepted labels: items (not gold) with an accepted annotation, one per item. */
export function acceptedLabelCount(annotations: readonly AnnotationFact[]): number {
  let count = 0;
  for (const role of annotationRoles(annotations).values()) if (role === 'labelling') count++;
  return count;
}

/**
 * One figure per currency; with `exchange`, a single figure in its base currency. Passing a
 * project's or a pool's entries gives that project's or pool's figure — with the accepted labels
 * counted over the same selection.
 */
export function trueCost(entries: readonly CostEntry[], acceptedLabels: number, exchange?: ExchangeRates): TrueCost[] {
  const byCurrency = new Map<string, Record<CostCategory, number>>();
  for (const e of entries) {
    const currency = exchange ? exchange.base : e.currency;
    const amount = exchange ? e.amount * rateOf(e.currency, exchange) : e.amount;
    let breakdown = byCurrency.get(currency);
    if (!breakdown) {
      breakdown = emptyBreakdown();
      byCurrency.set(currency, breakdown);
    }
    breakdown[e.category] += amount;
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, breakdown]) => {
      const total = COST_CATEGORIES.reduce((sum, c) => (c === 'pending' ? sum : sum + breakdown[c]), 0);
      const perLabel = acceptedLabels > 0 ? emptyBreakdown() : null;
      if (perLabel) for (const c of COST_CATEGORIES) perLabel[c] = c === 'pending' ? 0 : breakdown[c] / acceptedLabels;
      return {
        currency,
        acceptedLabels,
        total,
        pending: breakdown.pending,
        perAcceptedLabel: acceptedLabels > 0 ? total / acceptedLabels : null,
        breakdown,
        perLabel,
      };
    });
}

function emptyBreakdown(): Record<CostCategory, number> {
  return Object.fromEntries(COST_CATEGORIES.map((c) => [c, 0])) as Record<CostCategory, number>;
}
