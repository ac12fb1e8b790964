/**
 * The keyboard of the annotate screen: label hotkeys from the schema (digits 1–9 given to labels
 * that have none), Enter submits, S skips, Ctrl+Z / Ctrl+Shift+Z undo and redo, Delete removes the
 * selected shape, Escape deselects and then puts the label down, F flags the item as an edge case,
 * ? shows the shortcuts, G shows the guidelines.
 * A hotkey the schema gives to a label wins over a letter command (S, F, G) it collides with: the
 * command stays on its button.
 */
import type { ControlKind, LabelSchema } from '../api/types.ts';

export interface PaletteEntry {
  control: string;
  kind: ControlKind;
  label: string;
  color: string;
  /** The key that picks it, or null when every digit is taken. */
  key: string | null;
}

export type KeyAction =
  | { type: 'label'; entry: PaletteEntry }
  | { type: 'submit' }
  | { type: 'skip' }
  | { type: 'flag' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'delete' }
  | { type: 'escape' }
  | { type: 'help' }
  | { type: 'guidelines' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** The focus is in a text field: only Escape is ours there. */
  inTextField: boolean;
  /** The focus is on a button or link that Enter activates and that is not part of the annotate keys. */
  onActivatable: boolean;
}

/** Every label of the schema in order, with the key that picks it. */
export function paletteOf(schema: LabelSchema): PaletteEntry[] {
  const entries: PaletteEntry[] = [];
  const taken = new Set<string>();
  for (const control of schema.controls) for (const l of control.labels) if (l.hotkey) taken.add(l.hotkey);
  const free = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((d) => !taken.has(d));
  for (const control of schema.controls) {
    for (const l of control.labels) {
      const key = l.hotkey ?? free.shift() ?? null;
      entries.push({ control: control.name, kind: control.kind, label: l.name, color: l.color, key });
    }
  }
  return entries;
}

/** The command keys that a label hotkey has not taken, for the shortcuts list and the buttons. */
export function commandKeys(palette: PaletteEntry[]): { skip: string | null; flag: string | null; guidelines: string | null } {
  const used = new Set(palette.map((e) => e.key));
  const free = (key: string) => (used.has(key) ? null : key);
  return { skip: free('s'), flag: free('f'), guidelines: free('g') };
}

export function resolveKey(press: KeyPress, palette: PaletteEntry[]): KeyAction | null {
  const { key, shiftKey, altKey } = press;
  const mod = press.ctrlKey || press.metaKey;
  if (key === 'Escape') return { type: 'escape' };
  if (press.inTextField) return null;
  if (mod && !altKey) {
    const k = key.toLowerCase();
    if (k === 'z') return shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (k === 'y' && !shiftKey) return { type: 'redo' };
    if (key === 'Enter') return { type: 'submit' };
    return null;
  }
  if (altKey) return null;
  if (key === 'Enter') return press.onActivatable ? null : { type: 'submit' };
  if (key === 'Delete' || key === 'Backspace') return { type: 'delete' };
  if (key === '?') return { type: 'help' };
  const lower = key.length === 1 ? key.toLowerCase() : key;
  const entry = palette.find((e) => e.key !== null && e.key === lower);
  if (entry && !(shiftKey && /^[a-z]$/.test(lower))) return { type: 'label', entry };
  const commands = commandKeys(palette);
  if (lower === commands.skip && !shiftKey) return { type: 'skip' };
  if (lower === commands.flag && !shiftKey) return { type: 'flag' };
  if (lower === commands.guidelines && !shiftKey) return { type: 'guidelines' };
  return null;
}
