import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelSchema } from '../api/types.ts';
import { controlTitle, draftProblems } from './draft-problems.ts';
import { EMPTY_DRAFT, toggleChoice } from './draft.ts';

const schema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000' }] },
    { name: 'time_of_day', kind: 'single_choice', required: true, labels: [{ name: 'day', color: '#ffff00' }, { name: 'objects', color: '#000000' }] },
  ],
};
const image = { kind: 'image' as const, width: 640, height: 400, text: null };

describe('draft problems', () => {
  it('titles a control as the palette shows it', () => {
    assert.equal(controlTitle('time_of_day'), 'Time Of Day');
    assert.equal(controlTitle('entities'), 'Entities');
    assert.equal(controlTitle('PER_tags'), 'PER Tags');
  });

  it('names a missing required answer by its title, and has nothing to say once it is given', () => {
    assert.deepEqual(draftProblems(EMPTY_DRAFT, schema, image), ['"Time Of Day" is required']);
    assert.deepEqual(draftProblems(toggleChoice(EMPTY_DRAFT, schema.controls[1]!, 'day'), schema, image), []);
  });

  it('leaves label names alone, even one spelled as a control', () => {
    const draft = { choices: { time_of_day: ['objekts'] }, regions: [{ id: 'r1', control: 'objects', kind: 'bbox' as const, label: 'objects', x: 1, y: 1, width: 5, height: 5 }] };
    assert.deepEqual(draftProblems(draft, schema, image), ['unknown label "objekts"', 'unknown label "objects"']);
  });
});
