/**
 * The options a report is asked with on the command line and in the API, read the same way:
 * instants as `YYYY-MM-DD` (midnight UTC) or ISO 8601 date-times, exchange rates as
 * `USD=0.92,GBP=1.17` (units of the base currency per unit of each).
 */
import type { ExchangeRates } from '../../core/cost/money.ts';
import { DomainError } from '../../core/errors.ts';

const invalid = (field: string, message: string): DomainError => new DomainError('invalid_input', `${field}: ${message}`, { issues: [{ path: field, message }] });

export function parseInstant(value: string, field: string): Date {
  const text = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const date = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? new Date(iso) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw invalid(field, `expected a date (YYYY-MM-DD) or an ISO 8601 date-time, got "${value}"`);
  return date;
}

export function parseExchange(base: string | undefined, rates: string | undefined, field = 'rates'): ExchangeRates | undefined {
  if (base === undefined) {
    if (rates !== undefined) throw invalid(field, 'rates need the currency they convert to');
    return undefined;
  }
  if (!/^[A-Z]{3}$/.test(base)) throw invalid('currency', `a currency is an ISO 4217 code such as EUR, got "${base}"`);
  const parsed: Record<string, number> = {};
  for (const part of (rates ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Z]{3})[=:]([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)$/i.exec(part);
    const rate = match ? Number(match[2]) : Number.NaN;
    if (!match || !(rate > 0)) throw invalid(field, `"${part}" is not CUR=rate with a positive rate, e.g. USD=0.92`);
    parsed[match[1]!.toUpperCase()] = rate;
  }
  return { base, rates: parsed };
}
