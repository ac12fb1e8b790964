import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDomainError } from '../core/errors.ts';
import { streamJson, type JsonElement } from './json-stream.ts';
import { textSource } from './sources.ts';

async function collect(text: string, options: Parameters<typeof streamJson>[1], chunk = 7): Promise<JsonElement[]> {
  const out: JsonElement[] = [];
  for await (const e of streamJson(textSource(text, chunk), options)) out.push(e);
  return out;
}

test('a top-level array yields its elements with their paths, whatever the chunking', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.jsonValue()), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (values, chunk, pretty) => {
      const text = JSON.stringify(values, null, pretty ? 2 : undefined);
      const got = await collect(text, { top: 'array' }, chunk);
      assert.deepEqual(
        got.map((e) => e.value),
        JSON.parse(text),
      );
      assert.deepEqual(
        got.map((e) => e.path),
        values.map((_, i) => `[${i}]`),
      );
    }),
    { numRuns: 300 },
  );
});

test('a top-level object yields the elements of its arrays and its other values whole', async () => {
  const doc = { info: { year: 2024 }, 'we"ird': 3, images: [{ id: 1 }, { id: 2, s: 'a]}' }], empty: [], annotations: [[1, 2], 'x'] };
  const got = await collect(JSON.stringify(doc, null, 1), { top: 'object' }, 5);
  assert.deepEqual(
    got.map((e) => [e.path, e.value]),
    [
      ['info', { year: 2024 }],
      ['we"ird', 3],
      ['images[0]', { id: 1 }],
      ['images[1]', { id: 2, s: 'a]}' }],
      ['annotations[0]', [1, 2]],
      ['annotations[1]', 'x'],
    ],
  );
});

test('select skips parsing of unwanted keys but still walks past them', async () => {
  const got = await collect('{"images":[{"a":1}],"annotations":[{"b":2}]}', { top: 'object', select: (k) => k === 'annotations' });
  assert.deepEqual(got.map((e) => e.value), [undefined, { b: 2 }]);
});

for (const [text, where] of [
  ['[{"a":1},{"a":}]', '[1]'],
  ['{"images":[{"a":1} {"a":2}]}', 'images[0]'],
  ['[1,2', '[1]'],
  ['', '$'],
  ['{"a":1} x', '$'],
  ['[1,]', '[1]'],
] as const) {
  test(`malformed JSON is refused with the place at fault: ${text}`, async () => {
    await assert.rejects(collect(text, { top: text.startsWith('[') ? 'array' : 'object' }), (e: unknown) => {
      assert.ok(isDomainError(e) && e.code === 'validation_failed');
      assert.ok(e.message.startsWith(`${where}:`), e.message);
      return true;
    });
  });
}

test('the wrong top level is refused', async () => {
  await assert.rejects(collect('{"a":1}', { top: 'array' }), /expected a JSON array/);
});
