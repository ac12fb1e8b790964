import { IBAN_LENGTHS, ibanValid, luhnValid } from './checksums.ts';
import { isWordCharAt } from './text-context.ts';
import type { Finding } from './types.ts';

/**
 * IBANs and payment card numbers. Both are accepted only when their check digits hold, which is
 * what keeps order numbers, tracking codes and invalid copies out.
 */

// Greedy on purpose: a run of groups is read up to the country's IBAN length afterwards, so
// that a following upper-case word (`... 189 EUR`) does not hide a valid IBAN.
const IBAN_CANDIDATE = /[A-Z](?<![\p{L}\p{N}][A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]){8,32}/giu;

export function detectIbans(text: string, out: Finding[]): void {
  const re = IBAN_CANDIDATE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    // A greedy candidate may run into the next IBAN: resume right after this one's real end.
    re.lastIndex = start + 1;
    const upper = m[0].toUpperCase();
    const length = IBAN_LENGTHS[upper.slice(0, 2)];
    if (length === undefined) continue;
    // Walk to the `length`-th alphanumeric character: that is where this IBAN ends.
    let seen = 0;
    let end = start;
    for (let i = 0; i < upper.length && seen < length; i++) {
      if (upper[i] !== ' ') seen++;
      end = start + i + 1;
    }
    if (seen < length || isWordCharAt(text, end)) continue;
    const found = text.slice(start, end);
    if (!ibanValid(found.replace(/ /g, '').toUpperCase())) continue;
    out.push({ type: 'iban', start, end, text: found });
    re.lastIndex = end;
  }
}

// Digits with optional single spaces or dashes; the lookarounds keep it from starting or stopping
// inside a longer run, so a 20-digit reference never yields a 16-digit "card".
const CARD_CANDIDATE = /\d(?<!\p{N}\d)(?<!\p{N}[ -]\d)(?:[ -]?\d){12,18}(?!\p{N})(?![ -]\d)/gu;

/** Issuer prefixes and lengths of the card networks in use (Visa, Mastercard, Amex, ...). */
function plausibleIssuer(digits: string): boolean {
  const n = digits.length;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (two === 34 || two === 37) return n === 15; // American Express
  if (n === 15) return false;
  switch (digits[0]) {
    case '4': // Visa
      return n === 13 || n === 16 || n === 19;
    case '5': // Mastercard 51–55, Maestro 50, 56–58
      return n >= 16;
    case '2': // Mastercard 2221–2720, Mir 2200–2204
      return n >= 16 && ((four >= 2221 && four <= 2720) || (four >= 2200 && four <= 2204));
    case '3': // JCB 3528–3589, Diners 300–305, 36, 38, 39
      return (four >= 3528 && four <= 3589) || two === 36 || two === 38 || two === 39 || (two === 30 && n >= 14);
    case '6': // Discover, UnionPay, Maestro, RuPay
      return n >= 16;
    default:
      return false;
  }
}

export function detectCards(text: string, out: Finding[]): void {
  for (const m of text.matchAll(CARD_CANDIDATE)) {
    const candidate = m[0];
    const groups = candidate.split(/[ -]/);
    if (groups.length > 1) {
      // One separator style, groups of 3 to 8 digits: how cards are printed and typed.
      if (candidate.includes(' ') && candidate.includes('-')) continue;
      if (groups.some((g) => g.length < 3 || g.length > 8)) continue;
    }
    const digits = groups.join('');
    if (!plausibleIssuer(digits) || !luhnValid(digits)) continue;
    out.push({ type: 'card', start: m.index, end: m.index + candidate.length, text: candidate });
  }
}
