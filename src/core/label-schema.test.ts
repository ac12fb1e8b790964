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

  it('refuses a span whose start or end falls between the two UTF-16 code units of one character', () => {
    const text = 'Launch 🚀 at dawn 👩‍🚀.'; // 🚀 is code units 7–8; 👩 18–19, a joiner at 20, 🚀 21–22
    const item = { kind: 'text' as const, text };
    const span = (start: number, end: number) => ({ control: 'entities', kind: 'span' as const, label: 'PER', start, end });
    const issues = issuesOf(() => validateAnnotationResult({ choices: {}, regions: [span(8, 9), span(0, 8), span(7, 9), span(19, 22)] }, textSchema, item));
    assert.deepEqual(issues.map((i) => i.path), ['regions[0].start', 'regions[1].end', 'regions[3].start', 'regions[3].end']);
    assert.match(issues[0]!.message, /start 8 falls inside a character .*U\+1F680.*UTF-16 code units/);
    // Whole characters, a joiner sequence cut between its characters (not inside one), the text's edges: accepted.
    const fine = { choices: {}, regions: [span(7, 9), span(18, 20), span(20, 23), span(0, text.length)] };
    assert.deepEqual(validateAnnotationResult(fine, textSchema, item), fine);
  });

  it('refuses a NUL character anywhere in a result, naming where (the database cannot store one)', () => {
    const item = { kind: 'text' as const, text: 'Ada Lovelace' };
    const issues = issuesOf(() =>
      validateAnnotationResult({ choices: {}, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 3, text: 'Ad\u0000' }] }, textSchema, item),
    );
    assert.deepEqual(issues, [{ path: 'regions[0].text', message: 'contains a NUL character' }]);
    const key = issuesOf(() => validateAnnotationResult({ choices: { 'a\u0000': ['x'] }, regions: [] }, textSchema, item));
    assert.deepEqual(key, [{ path: 'choices["a\\u0000"]', message: 'the field name contains a NUL character' }]);
  });

  it('requires an answer to a required control', () => {
    const issues = issuesOf(() => validateAnnotationResult({ choices: {}, regions: [] }, imageSchema, image));
    assert.deepEqual(issues.map((i) => i.path), ['choices.scene']);
  });
});

describe('validateLabelSchema', () => {
  it('refuses a NUL character in a name (a schema file reaches the database past the API)', () => {
    const schema: LabelSchema = { controls: [{ name: 'entities', kind: 'span', labels: [{ name: 'P\u0000ER', color: '#ff00ff' }] }] };
    assert.deepEqual(issuesOf(() => validateLabelSchema(schema, 'text')), [{ path: 'controls[0].labels[0].name', message: 'contains a NUL character' }]);
  });

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
