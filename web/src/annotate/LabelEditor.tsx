/**
 * Labelling one item outside the task loop, with the annotate screen's labels, keys and canvas:
 * correcting in review, adjudicating, answering a qualification, setting a known answer. The
 * draft and its undo history live in `useLabelEditor`; the parent reads `result()` to save it.
 */
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import type { AnnotationResult, Item, LabelSchema } from '../api/types.ts';
import { addRegion, type Draft, draftFromResult, type DraftRegion, relabelRegion, removeRegion, replaceRegion, resultFromDraft, toggleChoice } from './draft.ts';
import { draftProblems } from './draft-problems.ts';
import type { ImageFit } from './ImageCanvas.tsx';
import { canRedo, canUndo, type History, record, redo, startHistory, undo } from './history.ts';
import { type KeyAction, type PaletteEntry, paletteOf } from './hotkeys.ts';
import { ItemCanvas } from './ItemCanvas.tsx';
import { LabelPalette } from './LabelPalette.tsx';
import { useAnnotateKeys } from './use-annotate-keys.ts';

export interface LabelEditorState {
  schema: LabelSchema;
  palette: PaletteEntry[];
  history: History<Draft>;
  draft: Draft;
  selectedId: string | null;
  tool: PaletteEntry | null;
  pick(entry: PaletteEntry): void;
  edit(change: (d: Draft) => Draft, select?: string | null): void;
  setSelectedId(id: string | null): void;
  undo(): void;
  redo(): void;
  deleteSelected(): void;
  /** Lets go of the region selected; with none selected, puts the label down (a drag then pans). */
  escape(): void;
  /** Starts again from a result (another annotator's answer, the known answer). */
  reset(result: Partial<AnnotationResult> | null): void;
  /** The result to send, or the reasons it cannot be sent yet. */
  result(item: Item): { result: AnnotationResult } | { invalid: string };
}

const isRegionKind = (kind: string) => kind === 'bbox' || kind === 'polygon' || kind === 'span';

export function useLabelEditor(schema: LabelSchema, initial: Partial<AnnotationResult> | null): LabelEditorState {
  const palette = useMemo(() => paletteOf(schema), [schema]);
  const [history, setHistory] = useState(() => startHistory(draftFromResult(initial, schema)));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tool, setTool] = useState<PaletteEntry | null>(() => palette.find((e) => isRegionKind(e.kind)) ?? null);
  const draft = history.present;
  const edit = useCallback((change: (d: Draft) => Draft, select?: string | null) => {
    setHistory((h) => record(h, change(h.present)));
    if (select !== undefined) setSelectedId(select);
  }, []);
  return {
    schema,
    palette,
    history,
    draft,
    selectedId,
    tool,
    pick(entry) {
      if (entry.kind === 'single_choice' || entry.kind === 'multi_choice') {
        edit((d) => toggleChoice(d, schema.controls.find((c) => c.name === entry.control)!, entry.label));
        return;
      }
      setTool(entry);
      // As on the annotate screen: a region the person selected takes the label once and is let go,
      // so the label picked next is for new regions again.
      const selected = draft.regions.find((r) => r.id === selectedId);
      if (selected && selected.kind === entry.kind) edit((d) => relabelRegion(d, selected.id, entry.control, entry.label), null);
    },
    edit,
    setSelectedId,
    // What is selected may be what the step undone made: let go, as on the annotate screen.
    undo: () => {
      setHistory(undo);
      setSelectedId(null);
    },
    redo: () => {
      setHistory(redo);
      setSelectedId(null);
    },
    deleteSelected: () => {
      if (selectedId) edit((d) => removeRegion(d, selectedId), null);
    },
    escape: () => {
      if (selectedId) setSelectedId(null);
      else setTool(null);
    },
    reset(result) {
      setHistory((h) => record(h, draftFromResult(result, schema)));
      setSelectedId(null);
    },
    result(item) {
      // The annotate screen's words: controls named by the titles the palette shows.
      const problems = draftProblems(draft, schema, item);
      return problems.length > 0 ? { invalid: problems.join('; ') } : { result: resultFromDraft(draft) };
    },
  };
}

interface Props {
  editor: LabelEditorState;
  item: Item;
  /** What the canvas is, for the screen reader ("Correction", "Final label"). */
  label: string;
  title: ReactNode;
  /** Keys on (off while a dialog or another editor has them). */
  keys?: boolean;
  /** Enter, or Ctrl+Enter. */
  onSubmit?(): void;
  /** '?': the screen's list of keys (the editor takes the key before the screen sees it). */
  onHelp?(): void;
  colorOfRegion?(id: string): string | undefined;
  fit?: ImageFit;
}

export function LabelEditor({ editor, item, label, title, keys = true, onSubmit, onHelp, colorOfRegion, fit }: Props) {
  const { schema, palette, draft, selectedId, tool } = editor;
  useAnnotateKeys(palette, keys, (action: KeyAction) => {
    if (action.type === 'label') editor.pick(action.entry);
    else if (action.type === 'undo') editor.undo();
    else if (action.type === 'redo') editor.redo();
    else if (action.type === 'delete') editor.deleteSelected();
    else if (action.type === 'escape') editor.escape();
    else if (action.type === 'submit') onSubmit?.();
    else if (action.type === 'help') onHelp?.();
  });
  const colors = useMemo(() => new Map(palette.map((e) => [`${e.control}/${e.label}`, e.color])), [palette]);
  const colorOf = (control: string, l: string) => colors.get(`${control}/${l}`) ?? '#888888';
  const selected = draft.regions.find((r) => r.id === selectedId) ?? null;
  return (
    <section className="label-editor" aria-label={label}>
      <div className="toolbar">
        <div className="task-title">{title}</div>
        <div className="actions">
          <button type="button" onClick={editor.undo} disabled={!canUndo(editor.history)}>
            Undo
          </button>
          <button type="button" onClick={editor.redo} disabled={!canRedo(editor.history)}>
            Redo
          </button>
          <button type="button" onClick={editor.deleteSelected} disabled={!selected}>
            Delete
          </button>
        </div>
      </div>
      <div className="correction-body">
        <LabelPalette schema={schema} palette={palette} draft={draft} tool={tool} selectedLabel={selected} onPick={editor.pick} />
        <div className="review-canvas">
          <ItemCanvas
            item={item}
            regions={draft.regions}
            colorOf={colorOf}
            colorOfRegion={colorOfRegion}
            fit={fit}
            tool={tool}
            selectedId={selectedId}
            label={label}
            // A region just made is not selected: the label picked next is for the next region, not a
            // rename of this one. Only a region the person clicks takes it.
            onCreate={(r: DraftRegion) => editor.edit((d) => addRegion(d, r), null)}
            onChange={(r: DraftRegion) => editor.edit((d) => replaceRegion(d, r))}
            onDelete={(rid) => editor.edit((d) => removeRegion(d, rid), null)}
            onSelect={editor.setSelectedId}
          />
        </div>
      </div>
    </section>
  );
}
