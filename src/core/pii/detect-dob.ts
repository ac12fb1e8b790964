import type { Finding } from './types.ts';

/**
 * Dates of birth: a full date (day, month, year) right after a cue such as `born`, `DOB`,
 * `date of birth`, `né le` or `date de naissance`. A date without such a cue (an invoice date, a
 * timestamp) is not personal data by itself and stays.
 */

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, janvier: 1, janv: 1,
  february: 2, feb: 2, février: 2, fevrier: 2, févr: 2, fevr: 2,
  march: 3, mar: 3, mars: 3,
  april: 4, apr: 4, avril: 4, avr: 4,
  may: 5, mai: 5,
  june: 6, jun: 6, juin: 6,
  july: 7, jul: 7, juillet: 7, juil: 7,
  august: 8, aug: 8, août: 8, aout: 8,
  september: 9, sep: 9, sept: 9, septembre: 9,
  october: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  december: 12, dec: 12, décembre: 12, decembre: 12, déc: 12,
};
const MONTH = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const DATE = new RegExp(
  [
    // 12/03/1985, 12.03.85, 03-12-1985 (day-month or month-day)
    String.raw`(?<nd1>\d{1,2})(?<ns>[/.-])(?<nd2>\d{1,2})\k<ns>(?<ny>\d{4}|\d{2})`,
    // 1985-03-12
    String.raw`(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})`,
    // 12 March 1985, 1er janvier 1990, 3rd of May, 1990
    String.raw`(?<td>\d{1,2})(?:st|nd|rd|th|er)?\.? (?:of )?(?<tm>${MONTH})\.?,? (?<ty>\d{4})`,
    // March 12, 1985
    String.raw`(?<mm>${MONTH})\.? (?<md>\d{1,2})(?:st|nd|rd|th)?,? (?<my>\d{4})`,
  ]
    .map((p) => `(?:${p})`)
    .join('|')
    .replace(/^/, String.raw`(?<![\p{L}\p{N}/.-])(?:`) + String.raw`)(?![\p{L}\p{N}]|[/.-]\d)`,
  'giu',
);

const DATE_AT = new RegExp(DATE.source, 'iuy');

// Cue words, then at most a few filler words (`on`, `le`, `the`, `is`) and punctuation before
// the date. Cues are rare, so the text is searched for them first and for dates only after them.
const CUE = new RegExp(
  String.raw`\b(?:born|d\.?\s?o\.?\s?b\.?|date of birth|birth\s?date|birthday|n[ée]e?\s?\(e\)|née?|date de naissance|geboren)(?!\p{L})` +
    String.raw`(?:[\s:,=()–-]|\b(?:on|le|am|is|was|the|in)\b)*`,
  'giu',
);

function daysIn(month: number): number {
  return month === 2 ? 29 : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDay(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month);
}

function yearOk(year: string): boolean {
  const y = Number(year);
  return y >= 1880 && y <= 2099;
}

function plausible(g: Record<string, string | undefined>): boolean {
  if (g.nd1 !== undefined) {
    const a = Number(g.nd1);
    const b = Number(g.nd2);
    return validDay(a, b) || validDay(b, a); // either day-month or month-day order
  }
  if (g.iy !== undefined) return validDay(Number(g.id), Number(g.im)) && yearOk(g.iy);
  if (g.td !== undefined) return validDay(Number(g.td), MONTHS[g.tm!.toLowerCase()] ?? 0) && yearOk(g.ty!);
  return validDay(Number(g.md), MONTHS[g.mm!.toLowerCase()] ?? 0) && yearOk(g.my!);
}

export function detectDatesOfBirth(text: string, out: Finding[]): void {
  const date = DATE_AT;
  for (const cue of text.matchAll(CUE)) {
    date.lastIndex = cue.index + cue[0].length;
    const m = date.exec(text);
    if (!m || !plausible(m.groups ?? {})) continue;
    out.push({ type: 'dob', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
}
