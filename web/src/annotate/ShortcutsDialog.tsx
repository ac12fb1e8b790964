import { KeysTable } from '../ui/KeysTable.tsx';
import { KeysDialog } from '../ui/KeysDialog.tsx';
import type { PaletteEntry } from './hotkeys.ts';
import { commandKeys } from './hotkeys.ts';

export function ShortcutsDialog({ open, palette, onClose }: { open: boolean; palette: PaletteEntry[]; onClose(): void }) {
  const commands = commandKeys(palette);
  const rows: [string, string][] = [
    ['Enter', 'Submit and take the next task'],
    [commands.skip ? 'S' : '—', 'Skip this task'],
    ['Ctrl+Z', 'Undo'],
    ['Ctrl+Shift+Z, Ctrl+Y', 'Redo'],
    ['Delete', 'Delete the selected shape or span'],
    ['Escape', 'Stop drawing, deselect'],
    ['Mouse wheel', 'Zoom the image; drag with no label picked to pan'],
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
                    <span className="swatch inline" style={{ background: e.color }} aria-hidden="true" /> {e.label} <span className="muted">({e.control})</span>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </KeysDialog>
  );
}
