import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabelSchema } from '../core/label-schema.ts';
import { EXPORT_FORMATS, importFormat, type ExportFormat } from './format-registry.ts';
import { asPreAnnotations, groundTruth, importedItem, type ExportItem, type ImportedItem } from './records.ts';
import { SchemaMapper, validateImportedItem } from './schema-mapping.ts';
import { textSource } from './sources.ts';
import { collect, IMAGE_SCHEMA, iterate, memoryOutput, sampleImageItems, sampleTextItems, TEXT_SCHEMA, toExportItem } from './test-support.ts';

async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

/** Exports, and gives back what was written (a text, or a folder's files) and a way to import it. */
async function exportOnce(format: ExportFormat, schema: LabelSchema, items: ExportItem[], dirs: string[]): Promise<{ written: unknown; read: () => AsyncIterable<ImportedItem> }> {
  const importer = importFormat(format.name)!;
  if (format.target === 'stream') {
    const out = memoryOutput();
    await format.run(schema, () => iterate(items), out.stream, { selection: 'consensus' });
    const text = out.text();
    return { written: text, read: () => (importer.source === 'file' ? importer.run(textSource(text, 100), {}) : iterate([])) };
  }
  const dir = await mkdtemp(join(tmpdir(), `atelier-${format.name}-`));
  dirs.push(dir);
  await format.run(schema, () => iterate(items), dir, { selection: 'consensus' });
  return {
    written: await readTree(dir),
    read: () => (importer.source === 'directory' ? importer.run(dir, { imageSize: async () => ({ width: 640, height: 480 }) }) : iterate([])),
  };
}

for (const format of EXPORT_FORMATS) {
  test(`round trip through the registry and the schema mapping: ${format.name}`, async () => {
    const text = format.itemKinds.includes('text') && !format.itemKinds.includes('image');
    const schema = text ? TEXT_SCHEMA : IMAGE_SCHEMA;
    const items = text ? sampleTextItems() : sampleImageItems();
    const dirs: string[] = [];
    try {
      const first = await exportOnce(format, schema, items, dirs);
      const mapper = new SchemaMapper(schema);
      const imported = (await collect(first.read())).map((item) => mapper.map(item));
      assert.ok(imported.length > 0);
      assert.deepEqual(mapper.unmatchedLabels(), []);
      for (const item of imported) validateImportedItem(item, schema);
      const second = await exportOnce(format, schema, imported.map((item, i) => toExportItem(item, i + 1, 'consensus')), dirs);
      assert.deepEqual(second.written, first.written);
    } finally {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    }
  });
}

test('every export format can be read back by the importer of the same name', () => {
  for (const format of EXPORT_FORMATS) assert.ok(importFormat(format.name), format.name);
});

test('an import as pre-annotations turns ground truth into the named model\'s suggestions', () => {
  const imported = importedItem(1, { kind: 'image', annotations: [groundTruth({ choices: { quality: ['good'] }, regions: [] }, { annotatorEmail: 'a@example.com' })] });
  const pre = asPreAnnotations(imported, { name: 'vendor-labels', version: '2024-05' });
  assert.equal(pre.annotations[0]!.kind, 'prediction');
  assert.deepEqual(pre.annotations[0]!.model, { name: 'vendor-labels', version: '2024-05' });
  assert.equal(imported.annotations[0]!.kind, 'ground_truth', 'the original is left as it was');
});
