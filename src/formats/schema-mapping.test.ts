import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import type { LabelSchema } from '../core/label-schema.ts';
import { importCvat } from './cvat-import.ts';
import { groundTruth, importedItem } from './records.ts';
import { SchemaMapper, validateImportedItem } from './schema-mapping.ts';
import { fileSource } from './sources.ts';
import { collect, IMAGE_SCHEMA } from './test-support.ts';

test('labels without controls find the control of their kind that has them', async () => {
  const mapper = new SchemaMapper(IMAGE_SCHEMA, { renames: { night: 'night' } });
  const items = (await collect(importCvat(fileSource('test/fixtures/formats/cvat-for-images-1.1.xml')))).map((i) => mapper.map(i));
  const first = items[0]!.annotations[0]!.result;
  assert.deepEqual(first.regions.map((r) => [r.control, r.label]), [
    ['vehicle', 'car'],
    ['outline', 'road'],
  ]);
  assert.deepEqual(first.choices, { tags: ['night'] });
  assert.deepEqual(mapper.unmatchedLabels(), []);
  for (const item of items) validateImportedItem(item, IMAGE_SCHEMA);
});

test('renames and case-insensitive matches; what is left is reported with where it was first seen', () => {
  const mapper = new SchemaMapper(IMAGE_SCHEMA, { renames: { automobile: 'car' } });
  const item = importedItem(1, {
    place: 'line 4',
    kind: 'image',
    annotations: [
      {
        ...groundTruth({
          choices: { mood: ['GOOD', 'sunny'] },
          regions: [
            { control: 'x', kind: 'bbox', label: 'automobile', x: 1, y: 1, width: 2, height: 2 },
            { control: '', kind: 'bbox', label: 'Truck', x: 1, y: 1, width: 2, height: 2 },
            { control: '', kind: 'bbox', label: 'plane', x: 1, y: 1, width: 2, height: 2 },
            { control: '', kind: 'bbox', label: 'plane', x: 2, y: 1, width: 2, height: 2 },
          ],
        }),
        kind: 'prediction',
        confidences: { regions: [0.1, 0.2, 0.3, 0.4], choices: { mood: [0.5, 0.6] } },
      },
    ],
  });
  const mapped = mapper.map(item).annotations[0]!;
  assert.deepEqual(mapped.result.regions.map((r) => [r.control, r.label]), [
    ['vehicle', 'car'],
    ['vehicle', 'truck'],
  ]);
  assert.deepEqual(mapped.result.choices, { quality: ['good'] });
  assert.deepEqual(mapped.confidences, { regions: [0.1, 0.2], choices: { quality: [0.5] } });
  assert.deepEqual(mapper.unmatchedLabels(), [
    { kind: 'bbox', control: '', label: 'plane', count: 2, firstPlace: 'line 4' },
    { kind: 'choice', control: 'mood', label: 'sunny', count: 1, firstPlace: 'line 4' },
  ]);
  assert.throws(() => mapper.assertAllMatched(), (e: unknown) => isDomainError(e) && /^line 4: bbox label "plane" is not in the schema \(2 in all\)/.test(e.message));
});

test('a label in two controls of the same kind is reported as ambiguous and goes to the first', () => {
  const schema: LabelSchema = {
    controls: [
      { name: 'moving', kind: 'bbox', labels: [{ name: 'car', color: '#000000' }] },
      { name: 'parked', kind: 'bbox', labels: [{ name: 'car', color: '#000000' }] },
    ],
  };
  const mapper = new SchemaMapper(schema);
  assert.deepEqual(mapper.resolve('bbox', '', 'car', 'x'), { control: 'moving', label: 'car' });
  assert.deepEqual(mapper.resolve('bbox', 'parked', 'car', 'x'), { control: 'parked', label: 'car' });
  assert.deepEqual(mapper.ambiguousLabels(), [{ kind: 'bbox', label: 'car', controls: ['moving', 'parked'] }]);
});

test('validation of a mapped item reports the record place and the field', () => {
  const item = importedItem(3, {
    place: 'Annotations/a.xml',
    kind: 'image',
    width: 100,
    height: 100,
    annotations: [groundTruth({ choices: {}, regions: [{ control: 'vehicle', kind: 'bbox', label: 'car', x: 90, y: 1, width: 20, height: 2 }] })],
  });
  assert.throws(
    () => validateImportedItem(item, IMAGE_SCHEMA),
    (e: unknown) => isDomainError(e) && e.message.startsWith('Annotations/a.xml: annotations[0].regions[0].x: box ends at x=110'),
  );
});
