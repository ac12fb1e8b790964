/**
 * Texts as a pool may see them: with PII replaced by typed placeholders when the project's
 * settings say so for that pool, and span annotations carried between the two texts exactly —
 * a vendor's spans on the redacted text land on the original before they are validated and
 * stored, and stored spans are shown to the vendor on the redacted text.
 */
import { validationFailed, isDomainError, type FieldIssue } from '../../core/errors.ts';
import type { AnnotationResult, Region } from '../../core/label-schema.ts';
import { mapSpanToOriginal, mapSpanToRedacted, type RedactionMap, redactPii, type Span } from '../../core/pii/redact.ts';
import type { PiiType } from '../../core/pii/types.ts';
import { type Audience, type PrivacySettings, redactsFor } from './privacy-settings.ts';

export interface PoolText {
  /** What the pool sees. */
  text: string;
  /** null: the pool sees the original text. */
  map: RedactionMap | null;
  /** How many strings of each type were replaced (never the strings). */
  replaced: Partial<Record<PiiType, number>>;
}

interface TextItem {
  id: number;
  text: string | null;
}

/**
 * Items never change their text, so a redaction is computed once per item and set of types and
 * kept for the next reads (a claim, its submit, the reads between). Bounded; erasure forgets.
 */
const MAX_CACHED = 5000;
/** Each redaction with the text it was made from. */
const cache = new Map<string, { source: string; redacted: PoolText }>();

function cacheKey(itemId: number, types: readonly PiiType[]): string {
  return `${itemId}|${[...types].sort().join(',')}`;
}

export function forgetRedactions(itemId: number): void {
  for (const key of cache.keys()) if (key.startsWith(`${itemId}|`)) cache.delete(key);
}

function redactedText(item: TextItem & { text: string }, types: readonly PiiType[]): PoolText {
  const key = cacheKey(item.id, types);
  const hit = cache.get(key);
  // The same id may name another text: one process serving two databases in turn (the test suites
  // do: PGlite, then PostgreSQL) sees item 5 twice. Checking the length alone let two texts of one
  // length share a redaction, and a vendor's span was carried back onto the wrong words.
  if (hit && hit.source === item.text) return hit.redacted;
  const redaction = redactPii(item.text, { types });
  const replaced: Partial<Record<PiiType, number>> = {};
  for (const f of redaction.findings) replaced[f.type] = (replaced[f.type] ?? 0) + 1;
  const result = { text: redaction.text, map: redaction.map, replaced };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, { source: item.text, redacted: result });
  return result;
}

/** The item's text for this pool: redacted when the settings require it for the pool. */
export function textForPool(item: TextItem, pool: Audience, settings: PrivacySettings): PoolText {
  if (item.text === null) return { text: '', map: null, replaced: {} };
  if (!redactsFor(settings, pool)) return { text: item.text, map: null, replaced: {} };
  return redactedText(item as TextItem & { text: string }, settings.redactTypes);
}

function mapRegions(result: AnnotationResult, map: (start: number, end: number) => Span, source: string): AnnotationResult {
  const issues: FieldIssue[] = [];
  const regions = result.regions.map((region, i): Region => {
    if (region.kind !== 'span') return region;
    let span: Span;
    try {
      span = map(region.start, region.end);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      issues.push({ path: `result.regions[${i}]`, message: error.message });
      return region;
    }
    const mapped = { ...region, start: span.start, end: span.end };
    if (region.text !== undefined) mapped.text = source.slice(span.start, span.end);
    return mapped;
  });
  if (issues.length > 0) throw validationFailed(issues);
  return { ...result, regions };
}

/**
 * A result made on the redacted text, on the original: spans mapped (a span touching part of a
 * placeholder covers the whole string it replaced), their `text` taken from the original. Call it
 * before validating and storing a submission from a pool that saw the redacted text.
 */
export function mapSubmittedResult(result: AnnotationResult, poolText: PoolText, originalText: string): AnnotationResult {
  if (!poolText.map) return result;
  const map = poolText.map;
  return mapRegions(result, (s, e) => mapSpanToOriginal(map, s, e), originalText);
}

/** A stored result (annotation, prediction), as the pool that sees the redacted text must see it. */
export function resultForPool(result: AnnotationResult, poolText: PoolText): AnnotationResult {
  if (!poolText.map) return result;
  const map = poolText.map;
  return mapRegions(result, (s, e) => mapSpanToRedacted(map, s, e), poolText.text);
}
