import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from '../../core/projects.ts';
import { groundTruth, importedItem } from '../../formats/records.ts';
import { recordRows, storedAnnotations } from './import-rows.ts';

const project = { id: 1, schemaVersion: 1, guidelinesVersion: 1 } as Project;
const empty = { choices: {}, regions: [] };
const car = { choices: {}, regions: [{ control: 'objects', kind: 'bbox' as const, label: 'car', x: 1, y: 2, width: 3, height: 4 }] };
const provenance = { pool: null, schemaVersion: 1, guidelinesVersion: 1, timeSpentMs: 900, supersedesSourceId: null, review: null };

test('an empty filler beside other annotations is left out, and the report says so', () => {
  const record = importedItem(3, { place: '/annotations/image[3]', annotations: [groundTruth(empty), groundTruth(car)] });
  assert.equal(storedAnnotations(record).length, 1);
  const rows = recordRows(record, { project, itemId: 9, ids: [100], userIdByEmail: new Map() });
  assert.equal(rows.annotations.length, 1);
  assert.deepEqual(rows.warnings, ['/annotations/image[3]: annotations[0] is empty and beside other annotations of the item; left out']);
});

test('an empty answer with a history of its own (Atelier JSONL) is someone\'s "nothing here": kept', () => {
  const record = importedItem(1, {
    place: 'line 1',
    annotations: [groundTruth(car, { sourceId: '10', provenance }), groundTruth(empty, { sourceId: '11', provenance })],
  });
  const rows = recordRows(record, { project, itemId: 9, ids: [100, 101], userIdByEmail: new Map() });
  assert.deepEqual(rows.annotations.map((a) => a.result), [car, empty]);
  assert.deepEqual(rows.warnings, []);
});
