import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelSchema } from '../api/types.ts';
import { addRegion, type Draft, draftFromResult, EMPTY_DRAFT, openingDraft, relabelRegion, removeRegion, resultFromDraft, toggleChoice } from './draft.ts';
import { canRedo, canUndo, HISTORY_LIMIT, record, redo, startHistory, undo } from './history.ts';

const schema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000' }, { name: 'person', color: '#00ff00' }] },
    { name: 'time', kind: 'single_choice', labels: [{ name: 'day', color: '#ffff00' }, { name: 'night', color: '#000000' }] },
    { name: 'tags', kind: 'multi_choice', labels: [{ name: 'rain', color: '#0000ff' }, { name: 'fog', color: '#888888' }] },
  ],
};
const time = schema.controls[1]!;
const tags = schema.controls[2]!;

describe('draft edits', () => {
  it('single choice replaces and a second press clears; multi choice toggles', () => {
    let d = toggleChoice(EMPTY_DRAFT, time, 'day');
    assert.deepEqual(d.choices.time, ['day']);
    d = toggleChoice(d, time, 'night');
    assert.deepEqual(d.choices.time, ['night']);
    d = toggleChoice(d, time, 'night');
    assert.deepEqual(d.choices.time, []);
    d = toggleChoice(toggleChoice(d, tags, 'rain'), tags, 'fog');
    assert.deepEqual(d.choices.tags, ['rain', 'fog']);
    d = toggleChoice(d, tags, 'rain');
    assert.deepEqual(d.choices.tags, ['fog']);
  });

  it('a stored result becomes a draft without unknown controls or labels, and back without ids or empty choices', () => {
    const draft = draftFromResult(
      {
        choices: { time: ['day', 'night'], tags: ['rain', 'hail'], nope: ['x'] },
        regions: [
          { control: 'objects', kind: 'bbox', label: 'car', x: 1, y: 2, width: 3, height: 4 },
          { control: 'time', kind: 'bbox', label: 'car', x: 1, y: 2, width: 3, height: 4 },
        ],
      },
      schema,
    );
    assert.deepEqual(draft.choices, { time: ['day'], tags: ['rain'] });
    assert.equal(draft.regions.length, 1);
    assert.ok(draft.regions[0]!.id);
    const cleared = toggleChoice(draft, tags, 'rain');
    assert.deepEqual(resultFromDraft(cleared), {
      choices: { time: ['day'] },
      regions: [{ control: 'objects', kind: 'bbox', label: 'car', x: 1, y: 2, width: 3, height: 4 }],
    });
  });

  it('relabels and removes a region by id, and leaves the draft as it is for an unknown id', () => {
    const d = addRegion(EMPTY_DRAFT, { id: 'a', control: 'objects', kind: 'bbox', label: 'car', x: 0, y: 0, width: 1, height: 1 });
    assert.equal(relabelRegion(d, 'a', 'objects', 'person').regions[0]!.label, 'person');
    assert.equal(relabelRegion(d, 'zz', 'objects', 'person'), d);
    assert.equal(removeRegion(d, 'a').regions.length, 0);
    assert.equal(removeRegion(d, 'zz'), d);
  });
});

describe('undo history', () => {
  it('undoes and redoes in order, and a new edit forgets the redo steps', () => {
    let h = startHistory(0);
    h = record(record(record(h, 1), 2), 3);
    h = undo(undo(h));
    assert.equal(h.present, 1);
    assert.ok(canRedo(h));
    h = redo(h);
    assert.equal(h.present, 2);
    h = record(h, 9);
    assert.equal(canRedo(h), false);
    assert.deepEqual(h.past, [0, 1, 2]);
    h = undo(undo(undo(undo(h))));
    assert.equal(h.present, 0);
    assert.equal(canUndo(h), false);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i);
    assert.equal(h.past.length, HISTORY_LIMIT);
    assert.equal(h.past[0], 50);
  });
});

describe('the draft a task opens with', () => {
  const box = (x: number) => ({ control: 'objects', kind: 'bbox' as const, label: 'car', x, y: 0, width: 5, height: 5 });
  const mine = { choices: { time: ['night'] }, regions: [box(1)] };
  const model = { choices: {}, regions: [box(50), box(60)] };
  const shape = (d: Draft) => ({ choices: d.choices, xs: d.regions.map((r) => (r.kind === 'bbox' ? r.x : null)) });

  it('starts work sent back from the person’s own answer, not from the model’s guess', () => {
    assert.deepEqual(shape(openingDraft({ stored: null, sentBack: mine, prediction: model }, schema)), { choices: { time: ['night'] }, xs: [1] });
  });

  it('keeps the draft this browser kept first, and falls back to the model, then to nothing', () => {
    const stored = draftFromResult({ choices: { time: ['day'] }, regions: [] }, schema);
    assert.equal(openingDraft({ stored, sentBack: mine, prediction: model }, schema), stored);
    assert.deepEqual(shape(openingDraft({ stored: null, sentBack: null, prediction: model }, schema)), { choices: {}, xs: [50, 60] });
    assert.equal(openingDraft({ stored: null, sentBack: null, prediction: null }, schema), EMPTY_DRAFT);
  });
});
