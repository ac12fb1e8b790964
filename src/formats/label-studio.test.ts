import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { importLabelStudio } from './label-studio-import.ts';
import { fileSource, textSource } from './sources.ts';
import { collect } from './test-support.ts';

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

test('a Label Studio export imports: percent boxes, rotated box, polygon, choices, prediction scores', async () => {
  const [image, text] = await collect(importLabelStudio(fileSource('test/fixtures/formats/label-studio-export.json')));
  assert.equal(image!.kind, 'image');
  assert.equal(image!.sourceId, '1');
  assert.equal(image!.fileName, '8f1c2e9a-street_01.jpg');
  assert.deepEqual([image!.width, image!.height], [1280, 720]);
  assert.deepEqual(image!.metadata, { camera: 'front-left' });
  assert.equal(image!.annotations.length, 2, 'the cancelled annotation is left out');
  const [human, prediction] = image!.annotations;
  assert.equal(human!.annotatorEmail, 'maria@example.com');
  assert.equal(human!.provenance?.timeSpentMs, 12500);
  assert.deepEqual(human!.result.choices, { quality: ['good'] });
  const [car, truck, road] = human!.result.regions;
  assert.ok(car!.kind === 'bbox' && car!.control === 'vehicle' && close(car!.x, 412.16) && close(car!.y, 300.96) && close(car!.width, 154) && close(car!.height, 78));
  assert.ok(truck!.kind === 'bbox' && close(truck!.x, 732) && close(truck!.y, 144) && close(truck!.width, 36) && close(truck!.height, 128), JSON.stringify(truck));
  assert.ok(road!.kind === 'polygon' && road!.points.length === 4 && close(road!.points[1]![0], 540.16) && close(road!.points[1]![1], 409.68));
  assert.equal(prediction!.kind, 'prediction');
  assert.deepEqual(prediction!.model, { name: 'label-studio', version: 'yolov8-2024-05' });
  assert.deepEqual(prediction!.confidences, { regions: [0.93], choices: {} });

  assert.equal(text!.kind, 'text');
  assert.equal(text!.text, 'Ada Lovelace worked with Charles Babbage in London.');
  const spans = text!.annotations[0]!.result.regions;
  assert.deepEqual(spans.map((s) => (s.kind === 'span' ? text!.text!.slice(s.start, s.end) : '')), ['Ada Lovelace', 'Charles Babbage', 'London']);
  assert.deepEqual(text!.annotations[0]!.result.choices, { sentiment: ['positive'] });
  assert.equal(text!.annotations[0]!.annotatorEmail, null, 'completed_by as a bare id names no one');
});

const task = (result: unknown[]) => JSON.stringify([{ id: 9, data: { image: 'https://x/a.png' }, annotations: [{ id: 1, result }] }]);
const box = { type: 'rectanglelabels', from_name: 'v', original_width: 100, original_height: 50, value: { x: 1, y: 1, width: 2, height: 2, rectanglelabels: ['car'] } };

for (const [name, text, message] of [
  ['unsupported type', task([box, { type: 'textarea', from_name: 'note', value: { text: ['hi'] } }]), /^\[0\]\.annotations\[0\]\.result\[1\]\.type: result type "textarea" is not supported/],
  ['no original size', task([{ ...box, original_width: undefined, original_height: undefined }]), /^\[0\]\.annotations\[0\]\.result\[0\]\.original_width: is needed/],
  ['negative width', task([{ ...box, value: { ...box.value, width: -1 } }]), /^\[0\]\.annotations\[0\]\.result\[0\]\.value\.width: must be positive/],
  ['no data', JSON.stringify([{ id: 1, annotations: [] }]), /^\[0\]\.data: must be an object/],
] as const) {
  test(`a malformed Label Studio task is refused with its JSON path: ${name}`, async () => {
    await assert.rejects(collect(importLabelStudio(textSource(text))), (e: unknown) => isDomainError(e) && message.test(e.message));
  });
}

test('unsupported results can be skipped on request', async () => {
  const [item] = await collect(importLabelStudio(textSource(task([box, { type: 'brushlabels', from_name: 'm', value: { rle: [1] } }])), { skipUnsupported: true }));
  assert.equal(item!.annotations[0]!.result.regions.length, 1);
});
