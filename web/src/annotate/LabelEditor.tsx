/**
 * Labelling one item outside the task loop, with the annotate screen's labels, keys and canvas:
 * correcting in review, adjudicating, answering a qualification, setting a known answer. The
 * draft and its undo history live in `useLabelEditor`; the parent reads `result()` to save it.
 */
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { validateAnnotationResult } from '../../../src/core/label-schema.ts';
import { describeError } from '../api/errors.ts';
import type { AnnotationResult, Item, LabelSchema } from '../api/types.ts';
import { addRegion, type Draft, draftFromResult, type DraftRegion, relabelRegion, removeRegion, replaceRegion, resultFromDraft, toggleChoice } from './draft.ts';
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
      const selected = draft.regions.find((r) => r.id === selectedId);
      if (selected && selected.kind === entry.kind) edit((d) => relabelRegion(d, selected.id, entry.control, entry.label));
    },
    edit,
    setSelectedId,
    undo: () => setHistory(undo),
    redo: () => setHistory(redo),
    deleteSelected: () => {
      if (selectedId) edit((d) => removeRegion(d, selectedId), null);
    },
    reset(result) {
      setHistory((h) => record(h, draftFromResult(result, schema)));
      setSelectedId(null);
    },
    result(item) {
      const result = resultFromDraft(draft);
      try {
        validateAnnotationResult(result, schema, { kind: item.kind, width: item.width, height: item.height, text: item.text });
        return { result };
      } catch (e) {
        return { invalid: describeError(e) };
      }
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
  colorOfRegion?(id: string): string | undefined;
}

export function LabelEditor({ editor, item, label, title, keys = true, onSubmit, colorOfRegion }: Props) {
  const { schema, palette, draft, selectedId, tool } = editor;
  useAnnotateKeys(palette, keys, (action: KeyAction) => {
    if (action.type === 'label') editor.pick(action.entry);
    else if (action.type === 'undo') editor.undo();
    else if (action.type === 'redo') editor.redo();
    else if (action.type === 'delete') editor.deleteSelected();
    else if (action.type === 'escape') editor.setSelectedId(null);
    else if (action.type === 'submit') onSubmit?.();
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
            tool={tool}
            selectedId={selectedId}
            label={label}
            onCreate={(r: DraftRegion) => editor.edit((d) => addRegion(d, r), r.id)}
            onChange={(r: DraftRegion) => editor.edit((d) => replaceRegion(d, r))}
            onDelete={(rid) => editor.edit((d) => removeRegion(d, rid), null)}
            onSelect={editor.setSelectedId}
          />
        </div>
      </div>
    </section>
  );
}
