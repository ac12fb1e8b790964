/**
 * Percent agreement: over units rated at least twice, the share of pairs of coders who gave the
 * same value, averaged over units. With two coders this is the share of units they agree on. Not
 * chance-corrected: two coders who always say "no" on a 95 %-"no" task agree 95 % by luck.
 */
import type { Unit } from './reliability-data.ts';

export function percentAgreement(units: readonly Unit[]): number {
  let total = 0;
  let pairable = 0;
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    const counts = new Map<string, number>();
    for (const v of unit) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    let agreeing = 0;
    for (const n of counts.values()) agreeing += n * (n - 1);
    total += agreeing / (m * (m - 1));
    pairable++;
  }
  return pairable > 0 ? total / pairable : Number.NaN;
}
