/**
 * Text spans for the token formats (CoNLL) and the offset formats (spaCy).
 *
 * Tokenisation, deterministic and documented:
 * - a token is, in this order of preference: an initialism (`U.S.`, `e.g.`: letter-dot, twice or
 *   more); a number with inner `.`, `,` or `:` (`3.14`, `1,000`, `12:30`); a word — letters, marks
 *   and digits, with inner apostrophes or hyphens (`O'Brien`, `Jean-Luc`); else any one other
 *   character that is not white space (each punctuation mark is its own token);
 * - a sentence ends at a line break, and after a `.`, `!`, `?` or `…` token that is followed by a
 *   token beginning with a capital letter. This depends on the tokens only, so a text rebuilt from
 *   the tokens (joined by spaces, sentences by line breaks) splits exactly the same way again.
 *
 * Offsets: Atelier's spans count UTF-16 code units (as JavaScript does); spaCy counts code points.
 */
import type { SpanRegion } from '../core/label-schema.ts';

export interface Token {
  text: string;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}

const TOKEN = /(?:\p{L}\.){2,}|\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|\S/gu;
const TERMINAL = new Set(['.', '!', '?', '…']);
const CAPITAL = /^\p{Lu}/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}

/** The tokens of a text in sentences. */
export function sentences(text: string): Token[][] {
  const tokens = tokenize(text);
  const out: Token[][] = [];
  let current: Token[] = [];
  tokens.forEach((token, i) => {
    current.push(token);
    const next = tokens[i + 1];
    const lineBreak = next !== undefined && text.slice(token.end, next.start).includes('\n');
    const terminal = next !== undefined && TERMINAL.has(token.text) && CAPITAL.test(next.text);
    if (next === undefined || lineBreak || terminal) {
      out.push(current);
      current = [];
    }
  });
  return out;
}

/**
 * Spans that can stand in one tag sequence: sorted by start (longer first), a span that shares a
 * token — or a character — with one already taken is dropped and returned apart.
 */
export function nonOverlapping<T extends { start: number; end: number }>(spans: T[], tokens?: Token[]): { kept: T[]; dropped: T[] } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  const dropped: T[] = [];
  let reach = -1;
  for (const span of sorted) {
    const [start, end] = tokens ? tokenRange(span, tokens) : [span.start, span.end];
    if (start < reach) dropped.push(span);
    else {
      kept.push(span);
      reach = end;
    }
  }
  return { kept, dropped };
}

/** The covered tokens' offsets: a span that cuts a token takes the whole token. */
function tokenRange(span: { start: number; end: number }, tokens: Token[]): [number, number] {
  let start = span.start;
  let end = span.end;
  for (const t of tokens) {
    if (t.end > span.start && t.start < span.end) {
      start = Math.min(start, t.start);
      end = Math.max(end, t.end);
    }
  }
  return [start, end];
}

/** IOB2 tags (`B-` opens every entity) of the tokens for non-overlapping spans. */
export function iobTags(tokens: Token[], spans: SpanRegion[], tagLabel: (label: string) => string = (l) => l): string[] {
  const tags = tokens.map(() => 'O');
  for (const span of spans) {
    let first = true;
    tokens.forEach((t, i) => {
      if (t.end > span.start && t.start < span.end) {
        tags[i] = `${first ? 'B' : 'I'}-${tagLabel(span.label)}`;
        first = false;
      }
    });
  }
  return tags;
}

/** UTF-16 offset → code point offset. */
export function toCodePoints(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= offset) points++;
    else {
      points++;
      i++;
    }
  }
  return points;
}

/** Code point offset → UTF-16 offset, or -1 past the end. */
export function fromCodePoints(text: string, points: number): number {
  let offset = 0;
  for (let p = 0; p < points; p++) {
    if (offset >= text.length) return -1;
    const cp = text.codePointAt(offset)!;
    offset += cp > 0xffff ? 2 : 1;
  }
  return offset;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
