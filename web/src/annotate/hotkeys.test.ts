import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelSchema } from '../api/types.ts';
import { commandKeys, type KeyPress, paletteOf, resolveKey } from './hotkeys.ts';

const schema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: [{ name: 'car', color: '#ff0000', hotkey: '2' }, { name: 'person', color: '#00ff00' }] },
    { name: 'time', kind: 'single_choice', labels: [{ name: 'day', color: '#ffff00', hotkey: 's' }, { name: 'night', color: '#000000' }] },
  ],
};
const palette = paletteOf(schema);
const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  inTextField: false,
  onActivatable: false,
  ...extra,
});

describe('annotate hotkeys', () => {
  it('gives free digits to labels without a hotkey, skipping the ones the schema took', () => {
    assert.deepEqual(
      palette.map((e) => [e.label, e.key]),
      [
        ['car', '2'],
        ['person', '1'],
        ['day', 's'],
        ['night', '3'],
      ],
    );
  });

  it('maps labels, submit, undo/redo, delete and help', () => {
    assert.deepEqual(resolveKey(press('1'), palette), { type: 'label', entry: palette[1] });
    assert.deepEqual(resolveKey(press('Enter'), palette), { type: 'submit' });
    assert.deepEqual(resolveKey(press('z', { ctrlKey: true }), palette), { type: 'undo' });
    assert.deepEqual(resolveKey(press('Z', { ctrlKey: true, shiftKey: true }), palette), { type: 'redo' });
    assert.deepEqual(resolveKey(press('y', { metaKey: true }), palette), { type: 'redo' });
    assert.deepEqual(resolveKey(press('Delete'), palette), { type: 'delete' });
    assert.deepEqual(resolveKey(press('?', { shiftKey: true }), palette), { type: 'help' });
    assert.deepEqual(resolveKey(press('g'), palette), { type: 'guidelines' });
    assert.deepEqual(resolveKey(press('f'), palette), { type: 'flag' });
    assert.equal(resolveKey(press('F', { shiftKey: true }), palette), null);
  });

  it('lets a label hotkey win over the flag letter, which then stays on its button only', () => {
    const withF = paletteOf({ controls: [{ name: 'kind', kind: 'single_choice', labels: [{ name: 'fake', color: '#000000', hotkey: 'f' }] }] });
    assert.deepEqual(resolveKey(press('f'), withF), { type: 'label', entry: withF[0] });
    assert.deepEqual(commandKeys(withF), { skip: 's', flag: null, guidelines: 'g' });
  });

  it('lets a label hotkey win over the skip letter', () => {
    assert.deepEqual(resolveKey(press('s'), palette), { type: 'label', entry: palette[2] });
    const plain = paletteOf({ controls: [schema.controls[0]!] });
    assert.deepEqual(resolveKey(press('s'), plain), { type: 'skip' });
  });

  it('leaves text fields and focused buttons their own keys, but not Escape', () => {
    assert.equal(resolveKey(press('1', { inTextField: true }), palette), null);
    assert.equal(resolveKey(press('Enter', { inTextField: true }), palette), null);
    assert.equal(resolveKey(press('Enter', { onActivatable: true }), palette), null);
    assert.deepEqual(resolveKey(press('Enter', { onActivatable: true, ctrlKey: true }), palette), { type: 'submit' });
    assert.deepEqual(resolveKey(press('Escape', { inTextField: true }), palette), { type: 'escape' });
    assert.equal(resolveKey(press('1', { altKey: true }), palette), null);
    assert.equal(resolveKey(press('c', { ctrlKey: true }), palette), null);
  });
});
