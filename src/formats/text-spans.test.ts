import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codePointLength, fromCodePoints, iobTags, nonOverlapping, sentences, toCodePoints, tokenize } from './text-spans.ts';

test('tokenisation keeps initialisms, numbers and hyphenated or apostrophed words whole', () => {
  assert.deepEqual(
    tokenize("O'Brien met Jean-Luc in the U.S. at 12:30, paid $1,000.50 (really!)").map((t) => t.text),
    ["O'Brien", 'met', 'Jean-Luc', 'in', 'the', 'U.S.', 'at', '12:30', ',', 'paid', '$', '1,000.50', '(', 'really', '!', ')'],
  );
  assert.deepEqual(tokenize('né à Zürich 🎉.').map((t) => t.text), ['né', 'à', 'Zürich', '🎉', '.']);
});

test('sentences end at line breaks and at terminal punctuation before a capital', () => {
  const text = 'Ada met Charles. they talked. Then she left!\nNew line';
  assert.deepEqual(sentences(text).map((s) => s.map((t) => t.text).join(' ')), ['Ada met Charles . they talked .', 'Then she left !', 'New line']);
});

test('a text rebuilt from its tokens splits into the same tokens and sentences (CoNLL round trips rest on it)', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'ab AB.!?,\n\'-1é😀  '.split('')), maxLength: 60 }), (text) => {
      const first = sentences(text).map((s) => s.map((t) => t.text));
      const rebuilt = first.map((s) => s.join(' ')).join('\n');
      assert.deepEqual(
        sentences(rebuilt).map((s) => s.map((t) => t.text)),
        first,
      );
    }),
    { numRuns: 500 },
  );
});

test('IOB2 tags: B- opens every entity, a span cutting a token takes the token', () => {
  const text = 'Ada Lovelace visited London';
  const tokens = tokenize(text);
  const spans = [
    { control: 'e', kind: 'span' as const, label: 'PER', start: 0, end: 12 },
    { control: 'e', kind: 'span' as const, label: 'LOC', start: 22, end: 25 },
  ];
  assert.deepEqual(iobTags(tokens, spans), ['B-PER', 'I-PER', 'O', 'B-LOC']);
});

test('overlapping spans: the earlier (and longer) stays', () => {
  const spans = [
    { start: 4, end: 10, id: 'b' },
    { start: 0, end: 6, id: 'a' },
    { start: 10, end: 12, id: 'c' },
    { start: 0, end: 3, id: 'd' },
  ];
  const { kept, dropped } = nonOverlapping(spans);
  assert.deepEqual(kept.map((s) => s.id), ['a', 'c']);
  assert.deepEqual(dropped.map((s) => s.id).sort(), ['b', 'd']);
});

test('UTF-16 and code point offsets convert both ways', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
      const n = codePointLength(text);
      for (let p = 0; p <= n; p++) assert.equal(toCodePoints(text, fromCodePoints(text, p)), p);
      assert.equal(fromCodePoints(text, n + 1), -1);
    }),
  );
  assert.equal(toCodePoints('😀a', 3), 2);
});
