import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';

test('keys are sorted at every depth; undefined members are left out', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined }), '{"a":{"c":true,"d":[1,"x",null]},"b":1}');
  assert.equal(canonicalJson([undefined, 2]), '[null,2]');
});

test('values without a JSON form are refused, with where they are', () => {
  assert.throws(() => canonicalJson({ a: [1, Number.NaN] }), /\$\.a\[1\]/);
  assert.throws(() => canonicalJson({ n: 10n }), /bigint/);
  assert.throws(() => canonicalJson({ m: new Map() }), /plain objects/);
});

test('a Date is written as its ISO text, as JSON.stringify writes it', () => {
  assert.equal(canonicalJson({ at: new Date('2024-03-15T14:32:07.123Z') }), '{"at":"2024-03-15T14:32:07.123Z"}');
});

test('the canonical form does not depend on key order, and parses back to the same value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      const reordered = JSON.parse(JSON.stringify(value, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
      assert.equal(canonicalJson(reordered), text);
      assert.equal(canonicalJson(JSON.parse(text)), text);
    }),
  );
});
