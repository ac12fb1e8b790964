/** Faults found once records are read (a box outside its image, a broken element) are reported where they are in the file. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isDomainError } from '../core/errors.ts';
import { importCoco } from './coco-import.ts';
import type { ImportedItem } from './records.ts';
import { SchemaMapper, validateImportedItem } from './schema-mapping.ts';
import { textSource } from './sources.ts';
import { collect, IMAGE_SCHEMA } from './test-support.ts';
import { importYolo } from './yolo-import.ts';

function faultOf(items: ImportedItem[]): string {
  const mapper = new SchemaMapper(IMAGE_SCHEMA);
  try {
    for (const item of items) validateImportedItem(mapper.map(item), IMAGE_SCHEMA);
  } catch (error) {
    assert.ok(isDomainError(error));
    return ((error.details as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`)).join('\n');
  }
  return 'no fault';
}

const coco = {
  images: [{ id: 1, file_name: 'a.jpg', width: 100, height: 80 }, { id: 2, file_name: 'b.jpg', width: 100, height: 80 }],
  categories: [{ id: 1, name: 'car' }],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20] },
    { id: 2, image_id: 2, category_id: 1, bbox: [90, 10, 30, 20] },
  ],
};

test('COCO: a box outside its image is reported at its annotation in the file', async () => {
  const fault = faultOf(await collect(importCoco(textSource(JSON.stringify(coco)))));
  assert.match(fault, /^annotations\[1\]\.bbox: /);
});

test('COCO: a polygon outside its image is reported at its segmentation', async () => {
  const doc = { ...coco, categories: [{ id: 1, name: 'road' }], annotations: [{ id: 1, image_id: 2, category_id: 1, segmentation: [[10, 10, 150, 10, 10, 50]] }] };
  assert.match(faultOf(await collect(importCoco(textSource(JSON.stringify(doc))))), /^annotations\[0\]\.segmentation\[0\]: /);
});

test('COCO: broken JSON in an element is reported at its line and column in the file', async () => {
  const text = '{\n  "images": [{"id": 1, "file_name": "a.jpg", "width": 100, "height": 80}],\n  "categories": [{"id": 1, "name": "car"}],\n  "annotations": [\n    {"id": 1, "image_id": 1,\n     "category_id": 1, "bbox": [1, 2, 3 4]}\n  ]\n}\n';
  await assert.rejects(collect(importCoco(textSource(text))), (e: unknown) => {
    assert.ok(isDomainError(e));
    assert.match(e.message, /^annotations\[0\]: not valid JSON at line 6, column 41 /);
    return true;
  });
});

test('YOLO: a box beyond its image is reported at its label file and line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-places-'));
  try {
    await writeFile(join(dir, 'data.yaml'), 'train: train.txt\nnames:\n  0: car\n');
    await writeFile(join(dir, 'train.txt'), 'images/train/img5.jpg\n');
    await mkdir(join(dir, 'labels/train'), { recursive: true });
    await writeFile(join(dir, 'labels/train/img5.txt'), '0 0.5 0.5 0.2 0.2\n\n0 0.95 0.5 0.2 0.2\n');
    const items = await collect(importYolo(dir, { imageSize: async () => ({ width: 640, height: 480 }) }));
    assert.match(faultOf(items), /^labels\/train\/img5\.txt line 3: /);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
