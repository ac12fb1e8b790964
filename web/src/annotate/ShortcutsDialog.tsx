import type { Item } from '../api/types.ts';
import { KeysTable } from '../ui/KeysTable.tsx';
import { KeysDialog } from '../ui/KeysDialog.tsx';
import { controlTitle } from './draft-problems.ts';
import type { PaletteEntry } from './hotkeys.ts';
import { commandKeys } from './hotkeys.ts';

/** The keys of the annotate screen for the kind of data on it (the mouse wheel zooms images only). */
export function ShortcutsDialog({ open, palette, dataKind, onClose }: { open: boolean; palette: PaletteEntry[]; dataKind: Item['kind']; onClose(): void }) {
  const commands = commandKeys(palette);
  const image = dataKind === 'image';
  const rows: [string, string][] = [
    ['Enter', 'Submit and take the next task'],
    [commands.skip ? 'S' : '—', 'Skip this task'],
    [commands.flag ? 'F' : '—', 'Flag the item as an edge case: skipped for you, sent up a tier'],
    ['Ctrl+Z', 'Undo'],
    ['Ctrl+Shift+Z, Ctrl+Y', 'Redo'],
    ['Delete', image ? 'Delete the selected shape' : 'Delete the selected span'],
    ['Escape', image ? 'Deselect; again: put the label down to pan' : 'Deselect; again: put the label down to read'],
    ...(image ? [['Mouse wheel', 'Zoom the image; drag with no label picked to pan'] as [string, string]] : []),
    [commands.guidelines ? 'G' : '—', 'Show or hide the guidelines'],
    ['?', 'This list'],
  ];
  return (
    <KeysDialog open={open} onClose={onClose}>
      <div className="columns">
        <KeysTable rows={rows} />
        <table className="keys">
          <tbody>
            {palette
              .filter((e) => e.key)
              .map((e) => (
                <tr key={`${e.control}/${e.label}`}>
                  <th scope="row">
                    <kbd>{e.key}</kbd>
                  </th>
                  <td>
                    <span className="swatch inline" style={{ background: e.color }} aria-hidden="true" /> {e.label} <span className="muted">({controlTitle(e.control)})</span>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </KeysDialog>
  );
}
