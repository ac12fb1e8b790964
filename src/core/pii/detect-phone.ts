import { cueBefore, digitsOf, separatorsOf } from './text-context.ts';
import type { Finding } from './types.ts';

/**
 * Phone numbers in three shapes: international (`+33 6 12 34 56 78`, `+1 (415) 555-0132`),
 * North American (`(415) 555-0132`, `415-555-0132`) and national numbers with a trunk 0
 * (`06 12 34 56 78`, `020 7946 0958`, `030 1234567`). Dates, times, prices and plain digit runs
 * have other shapes; reference numbers that happen to share a shape are dropped by cue words.
 */

// Each pattern starts with its first character and looks behind afterwards: an engine can skip
// to a `+`, a digit or a parenthesis instead of testing a look-behind at every position.
const INTERNATIONAL = /\+(?<![\p{L}\p{N}+]\+)\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,4})){2,7}(?!\p{N}|[.-]\d)/gu;
const NORTH_AMERICAN =
  /(?:1[ .-])?(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)([ .-]))([2-9]\d\d)([ .-])\d{4}(?!\p{N}|[.\/:-]\d)/gu;
const NATIONAL = /0(?<![\p{L}\p{N}+.,\/:-]0)(?<!\p{N}[ .-]0)[1-9]\d{0,3}(?:[ .-]\d{2,8}){1,4}(?!\p{N}|[.,\/:-]\d)/gu;
const NATIONAL_COMPACT = /0(?<![\p{L}\p{N}+.,\/:-]0)(?<!\p{N}[ .-]0)[1-9]\d{8}(?!\p{N}|[.,\/:-]\d)/gu;

// A reference number written like a phone number: `order 0042-1234-5678`, `facture n° 01 23 45 67 89`.
const REFERENCE_CUE =
  /(?:(?<!\p{L})(?:order|invoice|ref(?:erence)?|ticket|tracking|case|sku|commande|facture|dossier|id|account|compte)|n°|no\.|#)\W{0,4}(?:number|num(?:ber|éro)?|no\.?|n°|#)?\W{0,3}$/iu;
// A compact 10-digit number is only a phone number when the text says so.
const PHONE_CUE =
  /(?<!\p{L})(?:tel|tél|phone|mobile|cell|call|fax|portable|téléphone|telefon|whatsapp|sms|text|appel(?:er|ez)?|joindre|reach)\b[^\n\d]{0,20}$/iu;

function accept(text: string, start: number, candidate: string, out: Finding[]): void {
  const before = text.slice(Math.max(0, start - 40), start);
  const reference = REFERENCE_CUE.exec(before);
  // `n°`, `no.` and `#` also follow phone words (`Tel no.:`); order or invoice never do.
  if (reference && !(/^(?:n°|no\.|#)/iu.test(reference[0]) && PHONE_CUE.test(before))) return;
  out.push({ type: 'phone', start, end: start + candidate.length, text: candidate });
}

export function detectPhones(text: string, out: Finding[]): void {
  for (const m of text.matchAll(INTERNATIONAL)) {
    const digits = digitsOf(m[0]).length;
    const trunk = m[0].includes('(0)') ? 1 : 0;
    if (digits - trunk >= 8 && digits - trunk <= 15) accept(text, m.index, m[0], out);
  }
  for (const m of text.matchAll(NORTH_AMERICAN)) {
    if (/[\p{L}\p{N}+.\/:-]/u.test(text[m.index - 1] ?? ' ')) continue;
    // One separator style throughout: `415-555.0132` is not how anyone writes a number.
    if (m[3] !== undefined && m[3] !== m[5]) continue;
    accept(text, m.index, m[0], out);
  }
  for (const m of text.matchAll(NATIONAL)) {
    const digits = digitsOf(m[0]).length;
    if (digits < 9 || digits > 12 || separatorsOf(m[0]).size !== 1) continue;
    accept(text, m.index, m[0], out);
  }
  for (const m of text.matchAll(NATIONAL_COMPACT)) {
    if (cueBefore(text, m.index, PHONE_CUE, 40)) accept(text, m.index, m[0], out);
  }
}
