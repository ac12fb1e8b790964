import { DomainError } from '../errors.ts';
import { detectPii, type DetectOptions } from './detect.ts';
import { placeholderFor, type Finding, type PiiType } from './types.ts';

/**
 * Redaction: each finding is replaced by a typed placeholder (`[EMAIL]`, `[NAME]`), and a map
 * records where each placeholder sits in both texts so that spans annotated on the redacted
 * text land exactly on the original text, and back.
 */

/** One replaced stretch: `original.slice(originalStart, originalEnd)` became the placeholder. */
export interface RedactedSegment {
  type: PiiType;
  originalStart: number;
  originalEnd: number;
  redactedStart: number;
  redactedEnd: number;
}

/** Plain JSON, to be stored beside the redacted text. Segments are in text order. */
export interface RedactionMap {
  originalLength: number;
  redactedLength: number;
  segments: RedactedSegment[];
}

export interface Redaction {
  text: string;
  map: RedactionMap;
}

export interface Span {
  start: number;
  end: number;
}

function checkFindings(text: string, findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = 0;
  sorted.forEach((f, i) => {
    const where = `findings[${findings.indexOf(f)}]`;
    if (!Number.isInteger(f.start) || !Number.isInteger(f.end) || f.start < 0 || f.end > text.length || f.start >= f.end) {
      throw new DomainError('invalid_input', `${where}: span ${f.start}..${f.end} is not inside the text (length ${text.length})`);
    }
    if (i > 0 && f.start < previousEnd) throw new DomainError('invalid_input', `${where}: overlaps the finding before it`);
    if (f.text !== undefined && text.slice(f.start, f.end) !== f.text) {
      throw new DomainError('invalid_input', `${where}: text does not match the original at ${f.start}..${f.end}`);
    }
    previousEnd = f.end;
  });
  return sorted;
}

/** Replace every finding by its placeholder. Findings must not overlap (detectPii's never do). */
export function redact(text: string, findings: readonly Finding[]): Redaction {
  const segments: RedactedSegment[] = [];
  const parts: string[] = [];
  let from = 0;
  let redactedLength = 0;
  for (const f of checkFindings(text, findings)) {
    const kept = text.slice(from, f.start);
    const placeholder = placeholderFor(f.type);
    parts.push(kept, placeholder);
    const redactedStart = redactedLength + kept.length;
    redactedLength = redactedStart + placeholder.length;
    segments.push({ type: f.type, originalStart: f.start, originalEnd: f.end, redactedStart, redactedEnd: redactedLength });
    from = f.end;
  }
  parts.push(text.slice(from));
  redactedLength += text.length - from;
  return { text: parts.join(''), map: { originalLength: text.length, redactedLength, segments } };
}

type Side = 'original' | 'redacted';
const startOf = (s: RedactedSegment, side: Side): number => (side === 'original' ? s.originalStart : s.redactedStart);
const endOf = (s: RedactedSegment, side: Side): number => (side === 'original' ? s.originalEnd : s.redactedEnd);

/** Index of the last segment whose start on `side` satisfies `before(start)`, or -1. */
function lastSegment(segments: readonly RedactedSegment[], side: Side, before: (start: number) => boolean): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (before(startOf(segments[mid]!, side))) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Map a span from one side to the other. Outside segments the text is identical, so offsets only
 * shift. A start inside a segment moves to the segment's start and an end inside one moves to its
 * end: a span touching part of a placeholder covers the whole PII string on the other side.
 */
function mapSpan(map: RedactionMap, from: Side, start: number, end: number): Span {
  const to: Side = from === 'original' ? 'redacted' : 'original';
  const length = from === 'original' ? map.originalLength : map.redactedLength;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start > end) {
    throw new DomainError('invalid_input', `span ${start}..${end} is not inside the ${from} text (length ${length})`);
  }
  const { segments } = map;
  const shift = (i: number): number => (i < 0 ? 0 : endOf(segments[i]!, to) - endOf(segments[i]!, from));

  const si = lastSegment(segments, from, (s) => s <= start);
  const sSeg = segments[si];
  const mappedStart = sSeg && start < endOf(sSeg, from) ? startOf(sSeg, to) : start + shift(si);

  const ei = lastSegment(segments, from, (s) => s < end);
  const eSeg = segments[ei];
  const mappedEnd = eSeg && end <= endOf(eSeg, from) ? endOf(eSeg, to) : end + shift(ei);

  return { start: mappedStart, end: mappedEnd };
}

/** A span annotated on the redacted text, on the original text. */
export function mapSpanToOriginal(map: RedactionMap, start: number, end: number): Span {
  return mapSpan(map, 'redacted', start, end);
}

/** A span of the original text (e.g. a model pre-annotation), on the redacted text. */
export function mapSpanToRedacted(map: RedactionMap, start: number, end: number): Span {
  return mapSpan(map, 'original', start, end);
}

/** Detect and redact in one step: what import does before an item may reach an outside pool. */
export function redactPii(text: string, options: DetectOptions = {}): Redaction & { findings: Finding[] } {
  const findings = detectPii(text, options);
  return { ...redact(text, findings), findings };
}
