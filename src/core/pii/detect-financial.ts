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

// A run of digits parted by single spaces or dashes. A card is a stretch of whole groups of the
// run (`4111 1111 1111 1111` in `4111 1111 1111 1111 12/26`), never part of a longer digit group.
const DIGIT_RUN = /\d(?<!\p{N}\d)(?<!\p{N}[ -]\d)(?:[ -]?\d)*/gu;
const MIN_CARD = 13;
const MAX_CARD = 19;

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

/** The longest stretch of whole groups from group `first` that reads as a card, as [last group, digits]. */
function cardFrom(groups: readonly string[], seps: readonly string[], first: number): [number, string] | null {
  let best: [number, string] | null = null;
  let digits = '';
  for (let j = first; j < groups.length; j++) {
    const g = groups[j]!;
    // Printed cards use one separator style and groups of 3 to 8 digits.
    if (j > first && (seps[j - 1] !== seps[first] || g.length < 3 || g.length > 8)) break;
    if (j === first && groups.length > 1 && (g.length < 3 || g.length > 8) && g.length < MIN_CARD) break;
    digits += g;
    if (digits.length > MAX_CARD) break;
    if (digits.length >= MIN_CARD && plausibleIssuer(digits) && luhnValid(digits)) best = [j, digits];
  }
  return best;
}

export function detectCards(text: string, out: Finding[]): void {
  for (const m of text.matchAll(DIGIT_RUN)) {
    const run = m[0];
    if (run.length < MIN_CARD) continue;
    const groups = run.split(/[ -]/);
    const seps = run.match(/[ -]/g) ?? [];
    const starts: number[] = [];
    let at = m.index;
    for (const g of groups) {
      starts.push(at);
      at += g.length + 1;
    }
    for (let i = 0; i < groups.length; ) {
      const found = cardFrom(groups, seps, i);
      if (!found) {
        i++;
        continue;
      }
      const [last] = found;
      const start = starts[i]!;
      const end = starts[last]! + groups[last]!.length;
      out.push({ type: 'card', start, end, text: text.slice(start, end) });
      i = last + 1;
    }
  }
}
