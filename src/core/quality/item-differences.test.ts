import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnnotationResult, LabelSchema, Region } from '../label-schema.ts';
import { itemDifferences } from './item-differences.ts';

const labels = (...names: string[]) => names.map((name) => ({ name, color: '#888888' }));
const schema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: labels('car', 'person') },
    { name: 'areas', kind: 'polygon', labels: labels('road') },
    { name: 'time_of_day', kind: 'single_choice', labels: labels('day', 'night') },
    { name: 'tags', kind: 'multi_choice', labels: labels('rain', 'fog') },
  ],
};
const box = (label: string, x: number, size = 10): Region => ({ control: 'objects', kind: 'bbox', label, x, y: 0, width: size, height: size });
const road: Region = { control: 'areas', kind: 'polygon', label: 'road', points: [[0, 50], [100, 50], [100, 100], [0, 100]] };
const result = (regions: Region[], choices: Record<string, string[]> = {}): AnnotationResult => ({ regions, choices });
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

test('two annotators: the regions only one of them drew, and the questions they answered differently', () => {
  const d = itemDifferences(schema, [
    // Ana: two cars and a person, the road; night; rain and fog (in another order).
    { id: 1, result: result([box('car', 0), road, box('car', 40), box('person', 80)], { time_of_day: ['night'], tags: ['fog', 'rain'] }) },
    // Ines: one of the cars (shifted by 1: IoU 9/11), the road, a car where Ana saw a person; day.
    { id: 2, result: result([box('car', 1), box('car', 80), road], { time_of_day: ['day'], tags: ['rain', 'fog'] }) },
  ]);
  const objects = d.regionControls.find((c) => c.control === 'objects')!;
  assert.equal(objects.regions, 5);
  assert.equal(objects.unmatched, 3, "Ana's second car and her person, Ines's car over that person: labels never match across");
  assert.equal(objects.relabelled, 1, 'the person Ana drew where Ines drew a car: marked alike, named differently');
  close(objects.f1, (2 * 1) / 5);
  close(objects.meanIoU, 90 / 110);
  const areas = d.regionControls.find((c) => c.control === 'areas')!;
  assert.deepEqual([areas.regions, areas.unmatched, areas.relabelled, areas.f1, areas.meanIoU], [2, 0, 0, 1, 1]);
  assert.deepEqual([...d.unmatched.get(1)!].sort(), [2, 3], 'indexes into the whole result, past the polygon');
  assert.deepEqual([...d.unmatched.get(2)!], [1]);
  const time = d.choiceControls.find((c) => c.control === 'time_of_day')!;
  assert.equal(time.agree, false);
  assert.deepEqual(time.answers, [{ annotationId: 1, labels: ['night'] }, { annotationId: 2, labels: ['day'] }]);
  assert.equal(d.choiceControls.find((c) => c.control === 'tags')!.agree, true, 'the order of multiple choices does not matter');
});

test('three annotators: a region is flagged when any other annotator lacks it', () => {
  const d = itemDifferences(schema, [
    { id: 1, result: result([box('car', 0)], { time_of_day: ['day'] }) },
    { id: 2, result: result([box('car', 0)], { time_of_day: ['day'] }) },
    { id: 3, result: result([], {}) },
  ]);
  const objects = d.regionControls.find((c) => c.control === 'objects')!;
  assert.equal(objects.unmatched, 2);
  assert.equal(objects.relabelled, 0, 'missing is not relabelled');
  close(objects.f1, (1 + 0 + 0) / 3);
  const time = d.choiceControls.find((c) => c.control === 'time_of_day')!;
  assert.equal(time.agree, false, 'an unanswered question differs from an answered one');
  assert.deepEqual(time.answers[2], { annotationId: 3, labels: [] });
  const areas = d.regionControls.find((c) => c.control === 'areas')!;
  assert.deepEqual([areas.regions, areas.unmatched, areas.f1], [0, 0, 1], 'nobody drew a road: they agree');
  assert.ok(Number.isNaN(areas.meanIoU));
});

test('one annotation has nothing to be compared with', () => {
  const d = itemDifferences(schema, [{ id: 1, result: result([box('car', 0)]) }]);
  assert.deepEqual(d, { regionControls: [], choiceControls: [], unmatched: new Map() });
});

test('spans: the same words marked with another label, and words only one annotator marked', () => {
  const text: LabelSchema = { controls: [{ name: 'entities', kind: 'span', labels: labels('PER', 'ORG', 'LOC') }] };
  const span = (label: string, start: number, end: number): Region => ({ control: 'entities', kind: 'span', label, start, end });
  const d = itemDifferences(text, [
    { id: 1, result: result([span('PER', 0, 18), span('ORG', 31, 45), span('LOC', 50, 55)]) },
    { id: 2, result: result([span('ORG', 0, 18), span('LOC', 31, 45), span('LOC', 50, 55), span('PER', 60, 64)]) },
  ]);
  const entities = d.regionControls[0]!;
  assert.deepEqual([entities.regions, entities.unmatched, entities.relabelled], [7, 5, 2]);
  close(entities.f1, (2 * 1) / 7);
  assert.ok(Number.isNaN(entities.meanIoU), 'spans match exactly: no IoU to report');
});
