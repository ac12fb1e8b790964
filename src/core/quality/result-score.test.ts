import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnnotationResult, LabelSchema } from '../label-schema.ts';
import { scoreResult } from './result-score.ts';

const schema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000' }, { name: 'person', color: '#00ff00' }] },
    { name: 'scene', kind: 'single_choice', labels: [{ name: 'day', color: '#ffff00' }, { name: 'night', color: '#000000' }] },
  ],
};
const known: AnnotationResult = {
  choices: { scene: ['day'] },
  regions: [
    { control: 'objects', kind: 'bbox', label: 'car', x: 0, y: 0, width: 100, height: 50 },
    { control: 'objects', kind: 'bbox', label: 'person', x: 200, y: 0, width: 20, height: 60 },
  ],
};

it('scores a perfect answer 1, a wrong choice and a missed box below it', () => {
  assert.equal(scoreResult(known, known, schema).score, 1);
  const shifted: AnnotationResult = { ...known, regions: [{ ...known.regions[0]!, x: 5 } as never, known.regions[1]!] };
  assert.equal(scoreResult(shifted, known, schema).score, 1, 'a box a few pixels off still matches');
  const partial: AnnotationResult = { choices: { scene: ['night'] }, regions: [known.regions[0]!] };
  const s = scoreResult(partial, known, schema);
  assert.deepEqual(s.byControl, [{ control: 'objects', score: 2 / 3 }, { control: 'scene', score: 0 }]);
  assert.equal(s.score, 1 / 3);
  const wrongLabel: AnnotationResult = { ...known, regions: [{ ...known.regions[0]!, label: 'person' } as never, known.regions[1]!] };
  assert.equal(scoreResult(wrongLabel, known, schema).byControl[0]!.score, 0.5);
});
