import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type BoxAnnotation, boxWorkerSkills, fuseBoxes, fuseImages, fuseImagesByModel, majorityBoxes } from './box-fusion.ts';
import { type Box, boxIoU } from './box-iou.ts';
import { seededRandom } from './seeded-random.ts';

const box = (x: number, y: number, width = 20, height = 40): Box => ({ x, y, width, height });

test('three of four annotators boxed the pedestrian: one fused box at the mean corners', () => {
  const annotations: BoxAnnotation[] = [
    { worker: 'a', boxes: [box(100, 100)] },
    { worker: 'b', boxes: [box(102, 98)] },
    { worker: 'c', boxes: [box(98, 102)] },
    { worker: 'd', boxes: [] },
  ];
  const fused = fuseBoxes(annotations);
  assert.equal(fused.length, 1);
  assert.equal(fused[0]!.confidence, 0.75);
  assert.ok(Math.abs(fused[0]!.x - 100) < 1e-9 && Math.abs(fused[0]!.y - 100) < 1e-9);
  assert.equal(majorityBoxes(annotations).length, 1);
});

test('a box only one of four drew is dropped; one annotator never fills a cluster twice', () => {
  const annotations: BoxAnnotation[] = [
    { worker: 'a', boxes: [box(0, 0), box(1, 1)] },
    { worker: 'b', boxes: [box(300, 0)] },
    { worker: 'c', boxes: [] },
    { worker: 'd', boxes: [] },
  ];
  assert.deepEqual(fuseBoxes(annotations), []);
  assert.ok(fuseBoxes(annotations, { minShare: 0 }).every((b) => new Set(b.workers).size === b.workers.length));
});

test('weights: a trusted annotator and one other outweigh two doubtful ones', () => {
  const annotations: BoxAnnotation[] = [
    { worker: 'expert', boxes: [box(0, 0)] },
    { worker: 'a', boxes: [box(1, 0)] },
    { worker: 'b', boxes: [] },
    { worker: 'c', boxes: [] },
  ];
  assert.equal(fuseBoxes(annotations).length, 0);
  assert.equal(fuseBoxes(annotations, { weights: new Map([['expert', 3]]) }).length, 1);
});

test('on generated scenes, careless annotators get lower skill, and the model-based fusion finds the objects', () => {
  const random = seededRandom(5);
  const images = new Map<string, BoxAnnotation[]>();
  const truth = new Map<string, Box[]>();
  for (let i = 0; i < 60; i++) {
    const objects = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, o) => box(o * 100 + 10, 50));
    truth.set(`img${i}`, objects);
    images.set(
      `img${i}`,
      ['good1', 'good2', 'good3', 'good4', 'careless'].map((worker) => ({
        worker,
        boxes:
          worker === 'careless'
            ? random() < 0.5 ? [box(500, 500)] : []
            : objects.filter(() => random() < 0.9).map((o) => box(o.x + random() * 4 - 2, o.y + random() * 4 - 2)),
      })),
    );
  }
  const { boxes, skills } = fuseImages(images);
  assert.ok(skills.get('careless')! < Math.min(skills.get('good1')!, skills.get('good2')!));
  const model = fuseImagesByModel(images);
  assert.ok(model.falseBoxRate.get('careless')! > model.falseBoxRate.get('good1')!);
  for (const result of [boxes, model.boxes]) {
    let found = 0;
    let total = 0;
    for (const [image, objects] of truth) {
      total += objects.length;
      found += objects.filter((o) => result.get(image)!.some((f) => boxIoU(f, o) >= 0.7)).length;
    }
    assert.ok(found / total > 0.95, `${found} of ${total}`);
  }
  assert.equal(boxWorkerSkills(new Map(), new Map()).size, 0);
});
