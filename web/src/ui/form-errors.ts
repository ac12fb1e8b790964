/**
 * A refused request of a form, put beside the fields it is about, in the form's words. The server
 * names a field by its API path (`redactRegions[0]`, `querystring pool`) and words the problem for a
 * program ("Too small: expected number to be >0"); said whole under the form, with the generic
 * advice for its code, it read "RedactRegions[0]: a region code: letters, digits, - and _." or
 * "From: must be before to." beside a field labelled "Before". The export form does the same for
 * its filters (data/export-errors.ts). Pure, so it is tested without a browser.
 */
import { ApiError } from '../api/errors.ts';
import type { FieldIssue } from '../api/types.ts';

export interface FormField {
  /** The field's names in the API: an issue whose path starts with one of them is about it (`redactRegions` takes `redactRegions[2]`). */
  paths: readonly string[];
  /** The issue in the form's words; null (or none) reads it with `plainIssue`. */
  words?(issue: FieldIssue): string | null;
}

export interface FormRefusal<F extends string> {
  /** What to say beside each field. */
  fields: Partial<Record<F, string>>;
  /** Something is left for the note under the form: an error of another kind, or an issue of no field. */
  rest: boolean;
}

/** The name an issue's path gives its field: `body.filters.from` → `filters.from`, `redactRegions[0]` stays. */
const fieldPath = (path: string): string => path.replace(/^(body|querystring|params)[.\s]/, '');

function belongsTo(path: string, names: readonly string[]): boolean {
  const p = fieldPath(path);
  return names.some((n) => p === n || p.startsWith(`${n}[`) || p.startsWith(`${n}.`));
}

const sentence = (text: string): string => {
  const t = text.trim().replace(/\.?$/, '.');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** A validator's sentence for a program, as a form says it ("Too small: expected number to be >0" → "Give a number above 0."). */
export function plainIssue(message: string): string {
  const number = /^Too (small|big): expected number to be ([<>]=?)(-?[\d.]+)$/.exec(message);
  if (number) {
    const [, , op, n] = number;
    const words = { '>': `above ${n}`, '>=': `of ${n} or more`, '<': `below ${n}`, '<=': `of ${n} or less` }[op as '>' | '>=' | '<' | '<='];
    return `Give a number ${words}.`;
  }
  const length = /^Too (small|big): expected string to have ([<>]=?)(\d+) characters?$/.exec(message);
  if (length) {
    const n = Number(length[3]);
    if (length[1] === 'small') return n <= 1 ? 'Fill this in.' : `At least ${n} characters.`;
    return `At most ${n} characters.`;
  }
  const items = /^Too (small|big): expected array to have ([<>]=?)(\d+) items?$/.exec(message);
  if (items) return items[1] === 'small' ? `At least ${items[3]}.` : `At most ${items[3]}.`;
  if (/^Invalid input: expected (number|int)/.test(message) || /^an id is a whole number/.test(message)) return 'Give a whole number.';
  if (/^Invalid (ISO )?(date|datetime)/i.test(message) || /^expected a date/.test(message)) return 'Pick a date (year, month and day).';
  if (/^Invalid email/i.test(message)) return 'Give an e-mail address.';
  return sentence(message);
}

/**
 * The refusals of `error` by field of the form. `elsewhere` places an error that names no field
 * (a 404 about what a field holds, say) beside the field it is about, in the form's words.
 */
export function formRefusal<F extends string>(
  error: unknown,
  fields: Readonly<Record<F, FormField>>,
  elsewhere?: (error: ApiError) => { field: F; words: string } | null,
): FormRefusal<F> {
  if (error === null || error === undefined) return { fields: {}, rest: false };
  if (!(error instanceof ApiError)) return { fields: {}, rest: true };
  const out: Partial<Record<F, string>> = {};
  const add = (field: F, words: string) => {
    out[field] = out[field] ? `${out[field]} ${words}` : words;
  };
  if (error.issues.length === 0) {
    const placed = elsewhere?.(error) ?? null;
    if (!placed) return { fields: {}, rest: true };
    add(placed.field, placed.words);
    return { fields: out, rest: false };
  }
  let rest = false;
  const names = Object.keys(fields) as F[];
  for (const issue of error.issues) {
    const field = names.find((f) => belongsTo(issue.path, fields[f].paths));
    if (!field) {
      rest = true;
      continue;
    }
    const words = fields[field].words?.(issue) ?? plainIssue(issue.message);
    // One field may get the same words for several of its items (two bad regions of one kind).
    if (!out[field]?.includes(words)) add(field, words);
  }
  return { fields: out, rest };
}

/** The attributes that tie a field to the refusal said beside it. */
export function invalidProps(errorId: string, refusal: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return refusal ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
}
