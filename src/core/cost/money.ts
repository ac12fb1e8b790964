/**
 * Amounts in several currencies, kept apart: a sum of euros and dollars is not a number until
 * someone gives the rates.
 */
import { DomainError } from '../errors.ts';

/** Currency code → amount. */
export type Money = Record<string, number>;

export function addTo(money: Money, currency: string, amount: number): void {
  money[currency] = (money[currency] ?? 0) + amount;
}

/**
 * Units of `base` per unit of each currency, e.g. `{ base: 'EUR', rates: { USD: 0.92 } }`.
 * The base itself needs no rate.
 */
export interface ExchangeRates {
  base: string;
  rates: Record<string, number>;
}

/** The rate that turns `currency` into the base; a missing rate is the caller's error. */
export function rateOf(currency: string, exchange: ExchangeRates): number {
  if (currency === exchange.base) return 1;
  const rate = exchange.rates[currency];
  if (rate === undefined || !(rate > 0)) {
    throw new DomainError('validation_failed', `rates.${currency}: no exchange rate from ${currency} to ${exchange.base}`, {
      issues: [{ path: `rates.${currency}`, message: `no exchange rate from ${currency} to ${exchange.base}` }],
    });
  }
  return rate;
}

/** Sums every currency into the base currency. */
export function convert(money: Money, exchange: ExchangeRates): number {
  let total = 0;
  for (const [currency, amount] of Object.entries(money)) total += amount * rateOf(currency, exchange);
  return total;
}
