import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { importPredictions } from './predictions-import.ts';
import { textSource } from './sources.ts';
import { collect } from './test-support.ts';

const LINES = [
  JSON.stringify({
    item: 'img-1',
    model: { name: 'yolo', version: '8.1' },
    createdAt: '2024-06-01T12:00:00Z',
    predictions: [
      { control: 'vehicle', kind: 'bbox', label: 'car', x: 1, y: 2, width: 30, height: 40, confidence: 0.92 },
      { control: 'quality', kind: 'choice', label: 'good', confidence: 0.7 },
      { control: 'outline', kind: 'polygon', label: 'road', points: [[0, 0], [5, 0], [5, 5]], confidence: 0.4 },
    ],
  }),
  '',
  JSON.stringify({ item: 7, model: { name: 'clf', version: '' }, predictions: [{ control: 'quality', kind: 'choice', label: 'blurry', confidence: 1 }] }),
];

test('prediction lines import as model annotations with a confidence per region and label', async () => {
  const [first, second] = await collect(importPredictions(textSource(LINES.join('\n'))));
  assert.equal(first!.externalId, 'img-1');
  assert.equal(first!.kind, 'image');
  const [prediction] = first!.annotations;
  assert.equal(prediction!.kind, 'prediction');
  assert.deepEqual(prediction!.model, { name: 'yolo', version: '8.1' });
  assert.equal(prediction!.createdAt, '2024-06-01T12:00:00Z');
  assert.deepEqual(prediction!.result.choices, { quality: ['good'] });
  assert.deepEqual(prediction!.result.regions.map((r) => r.kind), ['bbox', 'polygon']);
  assert.deepEqual(prediction!.confidences, { regions: [0.92, 0.4], choices: { quality: [0.7] } });
  assert.equal(second!.externalId, '7');
  assert.equal(second!.kind, null, 'a choice says nothing of the item kind');
  assert.equal(second!.place, 'line 3');
});

for (const [name, line, message] of [
  ['confidence above 1', { item: 'a', model: { name: 'm', version: '1' }, predictions: [{ control: 'q', kind: 'choice', label: 'x', confidence: 1.2 }] }, /^line 1: predictions\[0\]\.confidence/],
  ['no confidence', { item: 'a', model: { name: 'm', version: '1' }, predictions: [{ control: 'v', kind: 'bbox', label: 'car', x: 1, y: 1, width: 1, height: 1 }] }, /^line 1: predictions\[0\]\.confidence/],
  ['no model', { item: 'a', predictions: [] }, /^line 1: model/],
  ['unknown kind', { item: 'a', model: { name: 'm', version: '1' }, predictions: [{ control: 'v', kind: 'circle', label: 'x', confidence: 0.5 }] }, /^line 1: predictions\[0\]\.kind/],
  ['label twice', { item: 'a', model: { name: 'm', version: '1' }, predictions: [{ control: 'q', kind: 'choice', label: 'x', confidence: 0.5 }, { control: 'q', kind: 'choice', label: 'x', confidence: 0.4 }] }, /^line 1: predictions\[1\]\.label/],
] as const) {
  test(`a malformed prediction line is refused with its line and field: ${name}`, async () => {
    await assert.rejects(collect(importPredictions(textSource(JSON.stringify(line)))), (e: unknown) => isDomainError(e) && message.test(e.message));
  });
}
