import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { exportSpacy } from './spacy-export.ts';
import { importSpacy } from './spacy-import.ts';
import type { ExportItem } from './records.ts';
import { textSource } from './sources.ts';
import { collect, iterate, memoryOutput, sampleTextItems, TEXT_SCHEMA, toExportItem } from './test-support.ts';

async function exportText(items: ExportItem[]): Promise<string> {
  const out = memoryOutput();
  await exportSpacy(TEXT_SCHEMA, iterate(items), out.stream, { selection: 'consensus' });
  return out.text();
}

test('spaCy export: [text, {entities}] with code point offsets that cut the named text', async () => {
  const data = JSON.parse(await exportText(sampleTextItems())) as [string, { entities: [number, number, string][] }][];
  assert.equal(data.length, 3);
  for (const [text, { entities }] of data) {
    const points = [...text];
    let reach = 0;
    for (const [start, end, label] of entities) {
      assert.ok(Number.isInteger(start) && start >= reach && end > start && end <= points.length && label !== '');
      reach = end;
    }
  }
  assert.deepEqual(data[0]![1].entities[0], [0, 12, 'PER']);
  const [text, { entities }] = data[2]!;
  assert.deepEqual(entities.map(([s, e]) => [...text].slice(s, e).join('')), ['Grace Hopper', 'US Navy']);
});

test('spaCy round trip: export → import → export gives the same bytes (astral characters included)', async () => {
  const items = sampleTextItems();
  items.push({ ...items[2]!, id: 4, text: '😀😀 Ada', consensus: { result: { choices: {}, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 5, end: 8 }] }, method: 'm', confidence: null, agreement: null } });
  const first = await exportText(items);
  assert.ok(first.includes('["😀😀 Ada",{"entities":[[3,6,"PER"]]}]'));
  const imported = await collect(importSpacy(textSource(first, 16)));
  assert.deepEqual(imported[3]!.annotations[0]!.result.regions[0], { control: '', kind: 'span', label: 'PER', start: 5, end: 8, text: 'Ada' });
  for (const item of imported) for (const r of item.annotations[0]!.result.regions) r.control = 'entities';
  assert.equal(await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'consensus'))), first);
});

test('the object form {text, entities} is read too', async () => {
  const [item] = await collect(importSpacy(textSource('[{"text": "Hi Ada", "entities": [[3, 6, "PER"]]}]')));
  assert.equal(item!.annotations[0]!.result.regions[0]!.label, 'PER');
});

for (const [name, text, message] of [
  ['span past the end', '[["abc", {"entities": [[0, 2, "X"]]}], ["ab", {"entities": [[1, 5, "X"]]}]]', /^\[1\]\[1\]\.entities\[0\]: \[1, 5\] is not a span of a 2-character text/],
  ['not a triple', '[["abc", {"entities": [[0, "X"]]}]]', /^\[0\]\[1\]\.entities\[0\]: an entity is/],
  ['no text', '[{"entities": []}]', /^\[0\]\.text: must be the text/],
  ['truncated file', '[["abc", {"entities": []}]', /^\[0\]: the document ends early/],
] as const) {
  test(`a malformed spaCy file is refused with the JSON path at fault: ${name}`, async () => {
    await assert.rejects(collect(importSpacy(textSource(text))), (e: unknown) => isDomainError(e) && message.test(e.message));
  });
}
