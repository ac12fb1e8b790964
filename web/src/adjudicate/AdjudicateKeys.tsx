/** The adjudication screen's keys ('?'): the label editor's, and the labels' own, in the screens' shared dialog. */
import type { Item } from '../api/types.ts';
import { controlTitle } from '../annotate/draft-problems.ts';
import type { PaletteEntry } from '../annotate/hotkeys.ts';
import { KeysDialog } from '../ui/KeysDialog.tsx';
import { KeysTable } from '../ui/KeysTable.tsx';

export function AdjudicateKeys({ open, palette, dataKind, onClose }: { open: boolean; palette: PaletteEntry[]; dataKind: Item['kind']; onClose(): void }) {
  const image = dataKind === 'image';
  const rows: [string, string][] = [
    ['Enter', 'Submit the final label (it must choose an answer or draw a region)'],
    ['Ctrl+Z', 'Undo'],
    ['Ctrl+Shift+Z, Ctrl+Y', 'Redo'],
    ['Delete', image ? 'Delete the selected shape' : 'Delete the selected span'],
    ['Escape', image ? 'Deselect; again: put the label down to pan' : 'Deselect; again: put the label down to read'],
    ...(image ? [['Mouse wheel', 'Zoom the image; drag with no label picked to pan'] as [string, string]] : []),
    ['?', 'This list'],
  ];
  const labels = palette.filter((e) => e.key).map((e): [string, string] => [e.key!, `${e.label} (${controlTitle(e.control)})`]);
  return (
    <KeysDialog open={open} onClose={onClose}>
      <div className="columns">
        <KeysTable rows={rows} />
        {labels.length > 0 && <KeysTable rows={labels} />}
      </div>
    </KeysDialog>
  );
}
