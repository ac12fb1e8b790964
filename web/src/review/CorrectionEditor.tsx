/** Correcting an annotation under review: the same labels, keys and canvas as the annotate screen. */
import { useCallback, useId, useMemo, useState } from 'react';
import { validateAnnotationResult } from '../../../src/core/label-schema.ts';
import { describeError } from '../api/errors.ts';
import type { AnnotationResult, Item, LabelSchema } from '../api/types.ts';
import { addRegion, type Draft, draftFromResult, type DraftRegion, relabelRegion, removeRegion, replaceRegion, resultFromDraft, toggleChoice } from '../annotate/draft.ts';
import { canRedo, canUndo, record, redo, startHistory, undo } from '../annotate/history.ts';
import { type KeyAction, type PaletteEntry, paletteOf } from '../annotate/hotkeys.ts';
import { ItemCanvas } from '../annotate/ItemCanvas.tsx';
import { LabelPalette } from '../annotate/LabelPalette.tsx';
import { useAnnotateKeys } from '../annotate/use-annotate-keys.ts';
import { ErrorNote } from '../ui/feedback.tsx';

interface Props {
  item: Item;
  schema: LabelSchema;
  annotatorName: string;
  initial: AnnotationResult;
  pending: boolean;
  error: unknown;
  onCancel(): void;
  onSave(result: AnnotationResult, comment: string): void;
}

export function CorrectionEditor({ item, schema, annotatorName, initial, pending, error, onCancel, onSave }: Props) {
  const palette = useMemo(() => paletteOf(schema), [schema]);
  const [history, setHistory] = useState(() => startHistory(draftFromResult(initial, schema)));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tool, setTool] = useState<PaletteEntry | null>(() => palette.find((e) => ['bbox', 'polygon', 'span'].includes(e.kind)) ?? null);
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const id = useId();
  const draft = history.present;
  const edit = useCallback((change: (d: Draft) => Draft, select?: string | null) => {
    setHistory((h) => record(h, change(h.present)));
    if (select !== undefined) setSelectedId(select);
  }, []);

  const pick = (entry: PaletteEntry) => {
    if (entry.kind === 'single_choice' || entry.kind === 'multi_choice') {
      edit((d) => toggleChoice(d, schema.controls.find((c) => c.name === entry.control)!, entry.label));
      return;
    }
    setTool(entry);
    const selected = draft.regions.find((r) => r.id === selectedId);
    if (selected && selected.kind === entry.kind) edit((d) => relabelRegion(d, selected.id, entry.control, entry.label));
  };

  const save = () => {
    const result = resultFromDraft(draft);
    try {
      validateAnnotationResult(result, schema, { kind: item.kind, width: item.width, height: item.height, text: item.text });
    } catch (e) {
      setInvalid(describeError(e));
      return;
    }
    setInvalid(null);
    onSave(result, comment);
  };

  useAnnotateKeys(palette, true, (action: KeyAction) => {
    if (action.type === 'label') pick(action.entry);
    else if (action.type === 'undo') setHistory(undo);
    else if (action.type === 'redo') setHistory(redo);
    else if (action.type === 'delete' && selectedId) edit((d) => removeRegion(d, selectedId), null);
    else if (action.type === 'escape') setSelectedId(null);
    else if (action.type === 'submit') save();
  });

  const colorOf = (control: string, label: string) => palette.find((e) => e.control === control && e.label === label)?.color ?? '#888888';
  const selected = draft.regions.find((r) => r.id === selectedId) ?? null;
  return (
    <section className="correction" aria-label={`Correcting the annotation of ${annotatorName}`}>
      <div className="toolbar">
        <div className="task-title">
          Correcting <strong>{annotatorName}</strong>’s annotation
        </div>
        <div className="actions">
          <button type="button" onClick={() => setHistory(undo)} disabled={!canUndo(history)}>
            Undo
          </button>
          <button type="button" onClick={() => setHistory(redo)} disabled={!canRedo(history)}>
            Redo
          </button>
          <button type="button" onClick={() => selectedId && edit((d) => removeRegion(d, selectedId), null)} disabled={!selected}>
            Delete
          </button>
        </div>
      </div>
      <div className="correction-body">
        <LabelPalette schema={schema} palette={palette} draft={draft} tool={tool} selectedLabel={selected} onPick={pick} />
        <div className="review-canvas">
          <ItemCanvas
            item={item}
            regions={draft.regions}
            colorOf={colorOf}
            tool={tool}
            selectedId={selectedId}
            label="Correction"
            onCreate={(r: DraftRegion) => edit((d) => addRegion(d, r), r.id)}
            onChange={(r: DraftRegion) => edit((d) => replaceRegion(d, r))}
            onDelete={(rid) => edit((d) => removeRegion(d, rid), null)}
            onSelect={setSelectedId}
          />
        </div>
      </div>
      <div className="stack correction-footer">
        <label htmlFor={`${id}-comment`}>Comment for {annotatorName} (optional)</label>
        <textarea id={`${id}-comment`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        {invalid && <div className="note note-warn" role="alert">{invalid}</div>}
        {error ? <ErrorNote error={error} /> : null}
        <div className="row">
          <button type="button" className="primary" onClick={save} disabled={pending}>
            Save the correction
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </section>
  );
}
