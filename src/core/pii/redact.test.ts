import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDomainError } from '../errors.ts';
import { mapSpanToOriginal, mapSpanToRedacted, redact, redactPii } from './redact.ts';
import { seededRandom } from '../quality/seeded-random.ts';
import { generatePiiDocument } from './synthetic-text.ts';
import { PII_TYPES, type Finding } from './types.ts';

const ORIGINAL = 'Mail jane@example.org or call +33 6 12 34 56 78 today.';
//                0    5                 23       32                   50

function sample() {
  return redact(ORIGINAL, [
    { type: 'email', start: 5, end: 21, text: 'jane@example.org' },
    { type: 'phone', start: 30, end: 47, text: '+33 6 12 34 56 78' },
  ]);
}

test('findings become typed placeholders and the map records both positions', () => {
  const { text, map } = sample();
  assert.equal(text, 'Mail [EMAIL] or call [PHONE] today.');
  assert.deepEqual(map.segments, [
    { type: 'email', originalStart: 5, originalEnd: 21, redactedStart: 5, redactedEnd: 12 },
    { type: 'phone', originalStart: 30, originalEnd: 47, redactedStart: 21, redactedEnd: 28 },
  ]);
  assert.equal(map.originalLength, ORIGINAL.length);
  assert.equal(map.redactedLength, text.length);
});

test('a span outside placeholders maps onto the same words of the original', () => {
  const { text, map } = sample();
  const at = text.indexOf('call');
  const span = mapSpanToOriginal(map, at, at + 4);
  assert.equal(ORIGINAL.slice(span.start, span.end), 'call');
  const tail = mapSpanToOriginal(map, text.indexOf('today'), text.length);
  assert.equal(ORIGINAL.slice(tail.start, tail.end), 'today.');
});

test('a span covering, starting or ending inside a placeholder takes the whole PII string', () => {
  const { text, map } = sample();
  const whole = mapSpanToOriginal(map, text.indexOf('[EMAIL]'), text.indexOf('[EMAIL]') + 7);
  assert.equal(ORIGINAL.slice(whole.start, whole.end), 'jane@example.org');
  const inside = mapSpanToOriginal(map, text.indexOf('[EMAIL]') + 2, text.indexOf('[EMAIL]') + 4);
  assert.equal(ORIGINAL.slice(inside.start, inside.end), 'jane@example.org');
  const across = mapSpanToOriginal(map, text.indexOf('AIL]'), text.indexOf(' call'));
  assert.equal(ORIGINAL.slice(across.start, across.end), 'jane@example.org or');
  const empty = mapSpanToOriginal(map, 8, 8);
  assert.equal(ORIGINAL.slice(empty.start, empty.end), 'jane@example.org', 'an empty span inside a placeholder too');
});

test('a span of the original maps onto the redacted text, PII widened to its placeholder', () => {
  const { text, map } = sample();
  const span = mapSpanToRedacted(map, ORIGINAL.indexOf('example'), ORIGINAL.indexOf(' today'));
  assert.equal(text.slice(span.start, span.end), '[EMAIL] or call [PHONE]');
});

test('bad spans and bad findings are invalid input', () => {
  const { map } = sample();
  const invalid = (e: unknown): boolean => isDomainError(e) && e.code === 'invalid_input';
  assert.throws(() => mapSpanToOriginal(map, 3, 2), invalid);
  assert.throws(() => mapSpanToOriginal(map, 0, map.redactedLength + 1), invalid);
  assert.throws(() => mapSpanToRedacted(map, -1, 2), invalid);
  assert.throws(() => mapSpanToRedacted(map, 0.5, 2), invalid);
  assert.throws(() => redact('abcdef', [{ type: 'name', start: 0, end: 3, text: 'abc' }, { type: 'name', start: 2, end: 4, text: 'cd' }]), invalid);
  assert.throws(() => redact('abcdef', [{ type: 'name', start: 0, end: 3, text: 'xyz' }]), invalid);
  assert.throws(() => redact('abc', [{ type: 'name', start: 1, end: 9, text: 'bc' }]), invalid);
});

test('no planted or detected PII string survives redaction of generated documents', () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const { text, planted } = generatePiiDocument(seededRandom(seed), 600);
      const redaction = redactPii(text);
      for (const p of planted) {
        assert.ok(redaction.findings.some((f) => f.start <= p.start && p.end <= f.end), `${p.type} ${p.text} not found`);
        assert.ok(!redaction.text.includes(p.text), `${p.text} survived`);
      }
      for (const f of redaction.findings) assert.ok(!redaction.text.includes(f.text), `${f.text} survived`);
    }),
    { numRuns: 200 },
  );
});

/** A text and non-overlapping findings anywhere in it. */
const textWithFindings = fc
  .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...PII_TYPES)), { maxLength: 6 }))
  .map(([text, raw]) => {
    const findings: Finding[] = [];
    for (const [a, b, type] of raw) {
      const start = a % text.length;
      const end = Math.min(text.length, start + 1 + (b % 8));
      if (findings.some((f) => start < f.end && f.start < end)) continue;
      findings.push({ type, start, end, text: text.slice(start, end) });
    }
    return { text, findings };
  });

test('spans on the redacted text map back exactly, or widen to whole PII strings', () => {
  fc.assert(
    fc.property(textWithFindings, fc.nat(), fc.nat(), ({ text, findings }, a, b) => {
      const { text: redacted, map } = redact(text, findings);
      const [s, e] = [a % (redacted.length + 1), b % (redacted.length + 1)].sort((x, y) => x - y) as [number, number];
      const original = mapSpanToOriginal(map, s, e);
      const touched = map.segments.filter((g) => s < g.redactedEnd && e > g.redactedStart);
      const startsInside = map.segments.some((g) => g.redactedStart < s && s < g.redactedEnd);
      const endsInside = map.segments.some((g) => g.redactedStart < e && e < g.redactedEnd);
      if (touched.length === 0 && !startsInside && !endsInside) {
        assert.equal(text.slice(original.start, original.end), redacted.slice(s, e));
        assert.deepEqual(mapSpanToRedacted(map, original.start, original.end), { start: s, end: e });
      }
      for (const g of touched) assert.ok(original.start <= g.originalStart && g.originalEnd <= original.end);
      const back = mapSpanToRedacted(map, original.start, original.end);
      assert.ok(back.start <= s && e <= back.end);
    }),
    { numRuns: 500 },
  );
});

test('spans of the original survive a round trip, widened only where they touch PII', () => {
  fc.assert(
    fc.property(textWithFindings, fc.nat(), fc.nat(), ({ text, findings }, a, b) => {
      const { map } = redact(text, findings);
      const [s, e] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
      const redactedSpan = mapSpanToRedacted(map, s, e);
      const back = mapSpanToOriginal(map, redactedSpan.start, redactedSpan.end);
      const clear = !findings.some((f) => (s < f.end && e > f.start) || (f.start < s && s < f.end) || (f.start < e && e < f.end));
      if (clear) assert.deepEqual(back, { start: s, end: e });
      else assert.ok(back.start <= s && e <= back.end);
    }),
    { numRuns: 500 },
  );
});
