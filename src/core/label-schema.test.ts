import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from './errors.ts';
import { type AnnotationResult, isEmptyResult, type LabelSchema, validateAnnotationResult, validateLabelSchema } from './label-schema.ts';

const imageSchema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000', hotkey: '1' }, { name: 'person', color: '#00ff00', hotkey: '2' }] },
    { name: 'areas', kind: 'polygon', labels: [{ name: 'road', color: '#0000ff', hotkey: '3' }] },
    { name: 'scene', kind: 'single_choice', labels: [{ name: 'day', color: '#ffff00' }, { name: 'night', color: '#000000' }], required: true },
  ],
};
const textSchema: LabelSchema = {
  controls: [{ name: 'entities', kind: 'span', labels: [{ name: 'PER', color: '#ff00ff', hotkey: '1' }] }],
};
const image = { kind: 'image' as const, width: 100, height: 50 };

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    assert.ok(isDomainError(error));
    assert.equal(error.code, 'validation_failed');
    return (error.details as { issues: { path: string; message: string }[] }).issues;
  }
  assert.fail('expected a validation error');
}

describe('validateAnnotationResult', () => {
  it('accepts a result that fits the schema and the image', () => {
    const result: AnnotationResult = {
      choices: { scene: ['day'] },
      regions: [
        { control: 'objects', kind: 'bbox', label: 'car', x: 0, y: 0, width: 100, height: 50 },
        { control: 'areas', kind: 'polygon', label: 'road', points: [[0, 0], [10, 0], [10, 10]] },
      ],
    };
    assert.deepEqual(validateAnnotationResult(result, imageSchema, image), result);
  });

  it('names the field at fault for an unknown label and a box outside the image', () => {
    const issues = issuesOf(() =>
      validateAnnotationResult(
        {
          choices: { scene: ['dusk'] },
          regions: [{ control: 'objects', kind: 'bbox', label: 'car', x: 90, y: 0, width: 20, height: 10 }],
        },
        imageSchema,
        image,
      ),
    );
    assert.deepEqual(issues.map((i) => i.path), ['choices.scene[0]', 'regions[0].x']);
  });

  it('refuses a span past the end of the text and a span whose text does not match', () => {
    const item = { kind: 'text' as const, text: 'Ada Lovelace' };
    const issues = issuesOf(() =>
      validateAnnotationResult(
        {
          choices: {},
          regions: [
            { control: 'entities', kind: 'span', label: 'PER', start: 4, end: 40 },
            { control: 'entities', kind: 'span', label: 'PER', start: 0, end: 3, text: 'Bob' },
          ],
        },
        textSchema,
        item,
      ),
    );
    assert.deepEqual(issues.map((i) => i.path), ['regions[0].end', 'regions[1].text']);
  });

  it('requires an answer to a required control', () => {
    const issues = issuesOf(() => validateAnnotationResult({ choices: {}, regions: [] }, imageSchema, image));
    assert.deepEqual(issues.map((i) => i.path), ['choices.scene']);
  });
});

describe('validateLabelSchema', () => {
  it('refuses duplicate hotkeys and region kinds that do not fit the item kind', () => {
    const issues = issuesOf(() =>
      validateLabelSchema(
        {
          controls: [
            { name: 'a', kind: 'span', labels: [{ name: 'x', color: '#000000', hotkey: '1' }] },
            { name: 'b', kind: 'single_choice', labels: [{ name: 'y', color: '#000000', hotkey: '1' }] },
          ],
        },
        'image',
      ),
    );
    assert.deepEqual(issues.map((i) => i.path), ['controls[0].kind', 'controls[1].labels[0].hotkey']);
  });
});

describe('an empty result', () => {
  it('is one that chooses no label and draws no region', () => {
    assert.equal(isEmptyResult({ choices: {}, regions: [] }), true);
    assert.equal(isEmptyResult({ choices: { scene: [] } }), true, 'a question left open says nothing');
    assert.equal(isEmptyResult({ choices: { scene: ['day'] }, regions: [] }), false);
    assert.equal(isEmptyResult({ choices: {}, regions: [{ kind: 'span', control: 'entities', label: 'PER', start: 0, end: 3 }] }), false);
  });
});
