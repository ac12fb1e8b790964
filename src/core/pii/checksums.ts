/**
 * Check-digit rules that separate real identifiers from numbers that merely look like them
 * (order numbers, references). Each function takes the identifier without separators.
 */

/** Luhn (mod 10), as used by payment cards. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The digit that makes `body + digit` pass Luhn: for building test data. */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new Error('unreachable: one Luhn digit always fits');
}

/** IBAN lengths by country, from the SWIFT IBAN registry. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 7064 MOD 97-10 remainder of an IBAN (country and check digits moved to the end). */
function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return -1;
  }
  return rem;
}

/** A compact upper-case IBAN of its country's length whose MOD 97-10 remainder is 1. */
export function ibanValid(iban: string): boolean {
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined || iban.length !== length || !/^\d\d$/.test(iban.slice(2, 4))) return false;
  return ibanRemainder(iban) === 1;
}

/** The two check digits for a country code and BBAN: for building test data. */
export function ibanCheckDigits(country: string, bban: string): string {
  const rem = ibanRemainder(`${country}00${bban}`);
  return String(98 - rem).padStart(2, '0');
}

/**
 * US Social Security Number rules: area not 000, 666 or 900–999; group not 00; serial not 0000.
 * Two numbers the SSA voided after they were printed in advertising are refused as well.
 */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  const whole = `${area}${group}${serial}`;
  return whole !== '078051120' && whole !== '219099999';
}

/**
 * French NIR key: 97 − (first 13 characters mod 97), with Corsica's departments 2A and 2B read
 * as 19 and 18. `body` is the 13-character NIR without its key.
 */
export function nirKey(body: string): number {
  const numeric = body.slice(0, 5) + body.slice(5, 7).replace(/^2A$/i, '19').replace(/^2B$/i, '18') + body.slice(7);
  let rem = 0;
  for (let i = 0; i < numeric.length; i++) {
    const d = numeric.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    rem = (rem * 10 + d) % 97;
  }
  return 97 - rem;
}

/** A 15-character NIR whose key matches its body (sex digit and month plausibility included). */
export function nirValid(nir: string): boolean {
  if (nir.length !== 15) return false;
  if (!/^[1-478]\d{4}(?:\d\d|2[AB])\d{6}\d\d$/i.test(nir)) return false;
  const month = Number(nir.slice(3, 5));
  // INSEE uses 20 and 30–42 / 50–99 for unknown or fictitious months besides 01–12.
  if (month === 0 || (month > 12 && month !== 20 && month < 30) || (month > 42 && month < 50)) return false;
  return nirKey(nir.slice(0, 13)) === Number(nir.slice(13));
}
