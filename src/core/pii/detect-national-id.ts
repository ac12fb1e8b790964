import { nirValid, ssnValid } from './checksums.ts';
import { cueBefore } from './text-context.ts';
import type { Finding } from './types.ts';

/** US Social Security Numbers and French NIRs (numéro de sécurité sociale). */

// `123-45-6789` or `123 45 6789`, the same separator twice.
const SSN_GROUPED = /(\d{3})(?<![\p{L}\p{N}-]\d{3})([- ])(\d{2})\2(\d{4})(?!\p{N}|-\d)/gu;
// Nine bare digits are an SSN only when the text says so.
const SSN_COMPACT = /(\d{3})(?<![\p{L}\p{N}-]\d{3})(\d{2})(\d{4})(?![\p{L}\p{N}])/gu;
const SSN_CUE = /(?<!\p{L})(?:ssn|social security(?: number| no\.?| #)?|ss#)\W{0,4}(?:is\s+)?$/iu;

export function detectSsns(text: string, out: Finding[]): void {
  for (const m of text.matchAll(SSN_GROUPED)) {
    if (!ssnValid(m[1]!, m[3]!, m[4]!)) continue;
    out.push({ type: 'ssn', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(SSN_COMPACT)) {
    if (!ssnValid(m[1]!, m[2]!, m[3]!) || !cueBefore(text, m.index, SSN_CUE, 30)) continue;
    out.push({ type: 'ssn', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
}

// Sex, year, month, department (2A/2B for Corsica), commune, order, key; single spaces allowed
// between the parts as it is printed on a carte Vitale: `1 84 12 76 451 089 46`.
const NIR_CANDIDATE = /[1-478](?<![\p{L}\p{N}][1-478]) ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}(?![\p{L}\p{N}])/giu;

export function detectNirs(text: string, out: Finding[]): void {
  for (const m of text.matchAll(NIR_CANDIDATE)) {
    if (!nirValid(m[0].replace(/ /g, '').toUpperCase())) continue;
    out.push({ type: 'nir', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
}
