import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { isDomainError } from '../core/errors.ts';
import { exportCsv } from './csv-export.ts';
import { importCsv } from './csv-import.ts';
import type { ExportItem } from './records.ts';
import { textSource } from './sources.ts';
import { annotation, collect, IMAGE_SCHEMA, imageItem, iterate, memoryOutput, sampleImageItems, toExportItem } from './test-support.ts';

async function exportText(items: ExportItem[], selection: 'consensus' | 'all'): Promise<string> {
  const out = memoryOutput();
  await exportCsv(IMAGE_SCHEMA, iterate(items), out.stream, { selection });
  return out.text();
}

test('CSV export: a header, one row per chosen label, quoted where needed', async () => {
  const text = await exportText(sampleImageItems(), 'consensus');
  assert.equal(text, 'item,control,label,annotator\nimg-1,quality,good,\nimg-1,tags,night,\nimg-1,tags,"rain, heavy",\nimg-2,quality,blurry,\n');
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  const labels = new Map(IMAGE_SCHEMA.controls.map((c) => [c.name, c.labels.map((l) => l.name)]));
  for (const row of rows) assert.ok(labels.get(row.control!)?.includes(row.label!));
});

test('CSV round trip with every annotator: export → import → export gives the same bytes', async () => {
  const items = [
    imageItem(1, null, {
      annotations: [
        annotation(1, { choices: { quality: ['good'], tags: ['night'] }, regions: [] }),
        annotation(2, { choices: { quality: ['blurry'] }, regions: [] }, { annotator: { id: 8, email: 'b@example.com' } }),
        annotation(3, { choices: { quality: ['good'] }, regions: [] }, { source: 'model', annotator: null, model: { name: 'clf', version: '3' } }),
      ],
    }),
    imageItem(2, { choices: { quality: ['good'] }, regions: [] }),
  ];
  const first = await exportText(items, 'all');
  const imported = await collect(importCsv(textSource(first, 10)));
  assert.deepEqual(imported[0]!.annotations.map((a) => [a.kind, a.annotatorEmail, a.model?.name ?? null]), [
    ['ground_truth', 'ann@example.com', null],
    ['ground_truth', 'b@example.com', null],
    ['prediction', null, 'clf'],
  ]);
  const again = await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'annotations')), 'all');
  assert.equal(again, first);
  const consensus = await exportText(sampleImageItems(), 'consensus');
  const back = await collect(importCsv(textSource(consensus)));
  assert.equal(await exportText(back.map((item, i) => toExportItem(item, i + 1, 'consensus')), 'consensus'), consensus);
});

for (const [name, text, message] of [
  ['missing column', 'item,label\na,b\n', /^line 1: the header has no "control" column/],
  ['empty label', 'item,control,label\na,quality,good\nb,quality,\n', /^line 3: label: is empty/],
  ['ragged row', 'item,control,label\na,quality,good\nb,quality\n', /^line 3: /],
  ['unclosed quote', 'item,control,label\na,quality,"good\n', /^line \d+: /],
  ['label twice', 'item,control,label\na,tags,night\na,tags,night\n', /^line 3: label: "night" is chosen twice/],
] as const) {
  test(`a malformed CSV is refused with its line: ${name}`, async () => {
    await assert.rejects(collect(importCsv(textSource(text))), (e: unknown) => isDomainError(e) && e.code === 'validation_failed' && message.test(e.message));
  });
}
