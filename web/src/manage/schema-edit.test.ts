import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addControl, addLabel, removeLabel, schemaIssues, starterSchema, updateLabel } from './schema-edit.ts';

describe('schema editor edits', () => {
  it('starts from a valid schema and gives new labels free digit hotkeys and distinct colours', () => {
    let s = starterSchema('image');
    assert.deepEqual(schemaIssues(s, 'image'), []);
    s = addLabel(s, 0);
    s = addControl(s, 'single_choice');
    const labels = s.controls.flatMap((c) => c.labels);
    assert.deepEqual(labels.map((l) => l.hotkey), ['1', '2', '3']);
    assert.equal(new Set(labels.map((l) => l.color)).size, 3);
    assert.deepEqual(schemaIssues(s, 'image'), []);
  });

  it('reports what the server would refuse, with the field at fault', () => {
    let s = addLabel(starterSchema('image'), 0);
    s = updateLabel(s, 0, 1, { hotkey: '1' });
    const issues = schemaIssues(s, 'image');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.path, 'controls[0].labels[1].hotkey');
    assert.deepEqual(schemaIssues(starterSchema('image'), 'text').map((i) => i.path), ['controls[0].kind']);
    assert.deepEqual(schemaIssues(removeLabel(starterSchema('text'), 0, 0), 'text').map((i) => i.path), ['controls[0].labels']);
  });

  it('drops an emptied hotkey instead of keeping an empty string', () => {
    const s = updateLabel(starterSchema('text'), 0, 0, { hotkey: '' });
    assert.equal('hotkey' in s.controls[0]!.labels[0]!, false);
  });
});
