import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { cocoCategories, exportCoco } from './coco-export.ts';
import { importCoco } from './coco-import.ts';
import { fileSource, textSource } from './sources.ts';
import { annotation, collect, IMAGE_SCHEMA, imageItem, iterate, memoryOutput, sampleImageItems, toExportItem } from './test-support.ts';
import type { ExportItem } from './records.ts';

async function exportText(items: ExportItem[], reiterable: boolean, selection: 'consensus' | 'all' = 'consensus'): Promise<string> {
  const out = memoryOutput();
  await exportCoco(IMAGE_SCHEMA, reiterable ? () => iterate(items) : iterate(items), out.stream, { selection });
  return out.text();
}

test('COCO export follows the format: keys, unique ids, references, boxes inside images', async () => {
  const coco = JSON.parse(await exportText(sampleImageItems(), false));
  assert.deepEqual(Object.keys(coco).sort(), ['annotations', 'categories', 'images', 'info', 'licenses']);
  assert.deepEqual(coco.categories, cocoCategories(IMAGE_SCHEMA));
  const imageIds = new Set(coco.images.map((i: { id: number }) => i.id));
  const categoryIds = new Set(coco.categories.map((c: { id: number }) => c.id));
  assert.equal(imageIds.size, coco.images.length);
  assert.equal(new Set(coco.annotations.map((a: { id: number }) => a.id)).size, coco.annotations.length);
  assert.equal(coco.images.length, 3, 'the item without consensus is left out, the negative example kept');
  for (const a of coco.annotations) {
    assert.ok(imageIds.has(a.image_id) && categoryIds.has(a.category_id));
    const image = coco.images.find((i: { id: number }) => i.id === a.image_id);
    const [x, y, w, h] = a.bbox;
    assert.ok(w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= image.width && y + h <= image.height);
    assert.ok(a.area > 0 && a.iscrowd === 0);
    for (const polygon of a.segmentation) assert.ok(polygon.length >= 6 && polygon.length % 2 === 0);
  }
  const polygon = coco.annotations.find((a: { segmentation: unknown[] }) => a.segmentation.length > 0);
  assert.deepEqual(polygon.bbox, [0, 300.5, 640, 99.5]);
  assert.equal(polygon.area, (640 * 99.5) / 2);
});

test('a one-shot source (spooled) and a re-readable one (two passes) give the same file', async () => {
  assert.equal(await exportText(sampleImageItems(), false), await exportText(sampleImageItems(), true));
});

test('COCO round trip: export → import → export gives the same bytes', async () => {
  const first = await exportText(sampleImageItems(), true);
  const imported = await collect(importCoco(textSource(first, 64)));
  const again = await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'consensus')), false);
  assert.equal(again, first);
  assert.equal(imported[0]!.externalId, 'img-1');
  assert.equal(imported[0]!.fileName, 'photo_1.jpg');
});

test('selection "all" takes current annotations: not superseded, not rejected', async () => {
  const box = (x: number) => ({ choices: {}, regions: [{ control: 'vehicle', kind: 'bbox' as const, label: 'car', x, y: 1, width: 2, height: 2 }] });
  const item = imageItem(1, null, {
    annotations: [
      annotation(10, box(1)),
      annotation(11, box(2), { supersedesId: 10 }),
      annotation(12, box(3), { review: { decision: 'reject', reviewer: { id: 9, email: 'rita@example.com' }, comment: 'wrong' } }),
      annotation(13, box(4), { source: 'model', annotator: null, model: { name: 'det', version: '2' }, confidences: { regions: [0.75], choices: {} } }),
    ],
  });
  const coco = JSON.parse(await exportText([item], false, 'all'));
  assert.deepEqual(coco.annotations.map((a: { bbox: number[] }) => a.bbox[0]), [2, 4]);
  assert.equal(coco.annotations[1].score, 0.75);
  const [imported] = await collect(importCoco(textSource(JSON.stringify(coco))));
  assert.deepEqual(imported!.annotations.map((a) => a.kind), ['ground_truth', 'prediction']);
  assert.deepEqual(imported!.annotations[1]!.confidences, { regions: [0.75], choices: {} });
});

test("CVAT's COCO export imports with its boxes and polygons", async () => {
  const items = await collect(importCoco(fileSource('test/fixtures/formats/cvat-coco-instances_default.json')));
  assert.deepEqual(items.map((i) => [i.fileName, i.annotations[0]!.result.regions.length]), [
    ['street/frame_000000.jpg', 3],
    ['street/frame_000001.jpg', 0],
    ['street/frame_000002.jpg', 1],
  ]);
  const [car, person, road] = items[0]!.annotations[0]!.result.regions;
  assert.deepEqual(car, { control: '', kind: 'bbox', label: 'car', x: 412.3, y: 301, width: 154, height: 78 });
  assert.equal(person!.label, 'person');
  assert.deepEqual(road, { control: '', kind: 'polygon', label: 'road', points: [[0, 720], [540.2, 410], [760.8, 410], [1280, 720]] });
});

test('annotations out of image order are grouped in memory and give the same items', async () => {
  const doc = JSON.parse(await exportText(sampleImageItems(), true));
  const sorted = await collect(importCoco(textSource(JSON.stringify(doc))));
  doc.annotations.reverse();
  doc.images.reverse();
  const shuffled = await collect(importCoco(textSource(JSON.stringify(doc))));
  const byFile = (items: typeof sorted) =>
    Object.fromEntries(items.map((i) => [i.fileName, i.annotations[0]!.result.regions.map((r) => r.label).sort()]));
  assert.deepEqual(byFile(shuffled), byFile(sorted));
});

const BASE = {
  categories: [{ id: 1, name: 'car', supercategory: 'vehicle' }],
  images: [{ id: 5, file_name: 'a.jpg', width: 10, height: 10 }],
};
for (const [name, doc, path] of [
  ['bad box', { ...BASE, annotations: [{ id: 1, image_id: 5, category_id: 1, bbox: [1, 1, 2, 2] }, { id: 2, image_id: 5, category_id: 1, bbox: [1, 1, -2] }] }, 'annotations[1].bbox'],
  ['unknown category', { ...BASE, annotations: [{ id: 1, image_id: 5, category_id: 9, bbox: [1, 1, 2, 2] }] }, 'annotations[0].category_id'],
  ['unknown image', { ...BASE, annotations: [{ id: 1, image_id: 6, category_id: 1, bbox: [1, 1, 2, 2] }] }, 'annotations[0].image_id'],
  ['RLE mask', { ...BASE, annotations: [{ id: 1, image_id: 5, category_id: 1, bbox: [1, 1, 2, 2], segmentation: { counts: [1, 2], size: [10, 10] } }] }, 'annotations[0].segmentation'],
  ['image without width', { ...BASE, images: [{ id: 5, file_name: 'a.jpg', height: 10 }], annotations: [] }, 'images[0].width'],
  ['duplicate image id', { ...BASE, images: [...BASE.images, ...BASE.images], annotations: [] }, 'images[1].id'],
  ['no images', { categories: [], annotations: [] }, 'images'],
] as const) {
  test(`a malformed COCO file is refused at the field at fault, before any item: ${name}`, async () => {
    const seen: unknown[] = [];
    await assert.rejects(
      (async () => {
        for await (const item of importCoco(textSource(JSON.stringify(doc)))) seen.push(item);
      })(),
      (e: unknown) => isDomainError(e) && e.code === 'validation_failed' && e.message.startsWith(`${path}:`),
    );
    if (name !== 'bad box') assert.equal(seen.length, 0);
  });
}

test('RLE masks can be skipped on request', async () => {
  const doc = { ...BASE, annotations: [{ id: 1, image_id: 5, category_id: 1, bbox: [1, 1, 2, 2], segmentation: { counts: 'abc', size: [10, 10] } }] };
  const [item] = await collect(importCoco(textSource(JSON.stringify(doc)), { skipUnsupported: true }));
  assert.equal(item!.annotations[0]!.result.regions.length, 0);
});

test('COCO round trip holds for any boxes and polygons (property)', async () => {
  const { default: fc } = await import('fast-check');
  const coord = (max: number) => fc.double({ min: 0, max, noNaN: true });
  const box = fc.record({ x: coord(500), y: coord(400), width: fc.double({ min: 0.01, max: 100, noNaN: true }), height: fc.double({ min: 0.01, max: 60, noNaN: true }), label: fc.constantFrom('car', 'truck') });
  const polygon = fc.array(fc.tuple(coord(640), coord(480)), { minLength: 3, maxLength: 6 });
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.array(box, { maxLength: 4 }), fc.option(polygon)), { minLength: 1, maxLength: 5 }), async (images) => {
      const items = images.map(([boxes, poly], i) =>
        imageItem(i + 1, {
          choices: {},
          regions: [
            ...boxes.map((b) => ({ control: 'vehicle', kind: 'bbox' as const, ...b })),
            ...(poly ? [{ control: 'outline', kind: 'polygon' as const, label: 'road', points: poly }] : []),
          ],
        }),
      );
      const first = await exportText(items, false);
      const imported = await collect(importCoco(textSource(first, 97)));
      assert.equal(await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'consensus')), true), first);
    }),
    { numRuns: 60 },
  );
});
