import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { exportJsonl } from './jsonl-export.ts';
import { importJsonl } from './jsonl-import.ts';
import type { ExportItem } from './records.ts';
import { textSource } from './sources.ts';
import { annotation, collect, IMAGE_SCHEMA, imageItem, iterate, memoryOutput, textItem, toExportItem } from './test-support.ts';

const box = { choices: { quality: ['good'] }, regions: [{ control: 'vehicle', kind: 'bbox' as const, label: 'car', x: 1.0000001, y: 2, width: 3, height: 4 }] };

function historyItems(): ExportItem[] {
  return [
    imageItem(1, box, {
      metadata: { camera: 'front', tags: ['a'] },
      annotations: [
        annotation(10, box, { review: { decision: 'correct', reviewer: { id: 8, email: 'rita@example.com' }, comment: 'box too wide' } }),
        annotation(11, box, { supersedesId: 10, annotator: { id: 9, email: 'rev@example.com' }, pool: { id: 1, key: 'core', kind: 'in_house' } }),
        annotation(12, box, { source: 'model', annotator: null, pool: null, model: { name: 'yolo', version: '8.1' }, confidences: { regions: [0.91], choices: { quality: [0.6] } }, timeSpentMs: null }),
      ],
    }),
    textItem(2, 'Ada Lovelace était à Londres. ✨', { choices: {}, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 12, text: 'Ada Lovelace' }] }, { externalId: null }),
  ];
}

const directory = { userIdByEmail: { 'ann@example.com': 7, 'rev@example.com': 9 }, poolIdByKey: { acme: 3, core: 1 } };

async function exportText(items: ExportItem[], selection: 'all' | 'consensus'): Promise<string> {
  const out = memoryOutput();
  await exportJsonl(IMAGE_SCHEMA, iterate(items), out.stream, { selection });
  return out.text();
}

test('JSONL round trip with the whole history: export → import → export gives the same bytes', async () => {
  const first = await exportText(historyItems(), 'all');
  const imported = await collect(importJsonl(textSource(first, 33)));
  assert.equal(imported[0]!.annotations[1]!.provenance?.supersedesSourceId, '10');
  assert.equal(imported[0]!.annotations[2]!.kind, 'prediction');
  const again = await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'annotations', directory)), 'all');
  assert.equal(again, first);
});

test('JSONL with consensus only carries items and consensus, no annotations', async () => {
  const text = await exportText([...historyItems(), imageItem(3, null)], 'consensus');
  const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.ok(lines.every((l) => l.annotations.length === 0 && l.consensus !== null));
  const imported = await collect(importJsonl(textSource(text)));
  const again = await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'consensus')), 'consensus');
  assert.equal(again, text);
});

test('blank lines and CRLF endings are accepted', async () => {
  const text = (await exportText(historyItems(), 'all')).replace(/\n/g, '\r\n\r\n');
  assert.equal((await collect(importJsonl(textSource(text)))).length, 2);
});

for (const [name, mutate, path] of [
  ['invalid JSON', (l: string[]) => l.splice(1, 1, '{"item": '), 'line 2'],
  ['negative box', (l: string[]) => l.splice(0, 1, l[0]!.replace('"width":3', '"width":-3')), 'line 1: annotations[0].result.regions[0].width'],
  ['unknown kind', (l: string[]) => l.splice(1, 1, l[1]!.replace('"kind":"text"', '"kind":"audio"')), 'line 2: item.kind'],
  ['model without name', (l: string[]) => l.splice(0, 1, l[0]!.replace('{"name":"yolo","version":"8.1"}', 'null')), 'line 1: annotations[2].model'],
  ['dangling supersedes', (l: string[]) => l.splice(0, 1, l[0]!.replace('"supersedesId":10', '"supersedesId":99')), 'line 1: annotations[1].supersedesId'],
  ['bad date', (l: string[]) => l.splice(0, 1, l[0]!.replace('2024-05-01T10:00:00.000Z', 'yesterday')), 'line 1: annotations[0].createdAt'],
] as const) {
  test(`a malformed JSONL line is refused with its line and field: ${name}`, async () => {
    const lines = (await exportText(historyItems(), 'all')).trimEnd().split('\n');
    mutate(lines);
    await assert.rejects(collect(importJsonl(textSource(lines.join('\n')))), (e: unknown) => {
      assert.ok(isDomainError(e) && e.code === 'validation_failed', String(e));
      assert.ok(e.message.startsWith(path), e.message);
      return true;
    });
  });
}

test('JSONL round trip holds for any texts, metadata and numbers (property)', async () => {
  const { default: fc } = await import('fast-check');
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.double({ noNaN: true, noDefaultInfinity: true, min: 0.001, max: 1e6 }), async (text, metadata, x) => {
        const result = { choices: {}, regions: [{ control: 'vehicle', kind: 'bbox' as const, label: 'car', x, y: 0, width: x, height: 1 }] };
        const items = [textItem(5, text, null, { metadata: JSON.parse(JSON.stringify(metadata)) }), imageItem(6, result, { annotations: [annotation(60, result)] })];
        const first = await exportText(items, 'all');
        const imported = await collect(importJsonl(textSource(first, 13)));
        assert.equal(await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'annotations', directory)), 'all'), first);
      },
    ),
    { numRuns: 100 },
  );
});

test('metadata with a __proto__ key comes back out of a round trip unchanged', async () => {
  const items = [textItem(5, 'x', null, { metadata: JSON.parse('{"__proto__": [], "camera": "front"}') })];
  const first = await exportText(items, 'all');
  assert.match(first, /"metadata":\{"__proto__":\[\],"camera":"front"\}/);
  const imported = await collect(importJsonl(textSource(first)));
  assert.equal(await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'annotations', directory)), 'all'), first);
});
