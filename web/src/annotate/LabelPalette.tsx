/**
 * The labels of the schema, grouped by control, each with its key. Region labels pick the tool
 * (what a drag or a selection will make); choice labels answer the item-level questions at once.
 */
import type { LabelSchema } from '../api/types.ts';
import type { Draft } from './draft.ts';
import { controlTitle } from './draft-problems.ts';
import type { PaletteEntry } from './hotkeys.ts';

interface Props {
  schema: LabelSchema;
  palette: PaletteEntry[];
  draft: Draft;
  tool: PaletteEntry | null;
  selectedLabel: { control: string; label: string } | null;
  onPick(entry: PaletteEntry): void;
}

const KIND_WORDS: Record<string, string> = {
  bbox: 'Boxes — drag on the image',
  polygon: 'Polygons — click points, click the first one to close',
  span: 'Spans — select text',
  single_choice: 'Pick one',
  multi_choice: 'Pick any',
};

export function LabelPalette({ schema, palette, draft, tool, selectedLabel, onPick }: Props) {
  return (
    <div className="palette" aria-label="Labels">
      {schema.controls.map((control) => {
        const entries = palette.filter((e) => e.control === control.name);
        const isChoice = control.kind === 'single_choice' || control.kind === 'multi_choice';
        const chosen = draft.choices[control.name] ?? [];
        const count = draft.regions.filter((r) => r.control === control.name).length;
        return (
          <fieldset key={control.name} className="palette-group">
            <legend>
              {controlTitle(control.name)}
              {control.required && <span className="required" title="required"> *</span>}
              {!isChoice && count > 0 && <span className="count">{count}</span>}
            </legend>
            <p className="hint">{KIND_WORDS[control.kind]}</p>
            <div className="palette-buttons" role={isChoice && control.kind === 'single_choice' ? 'radiogroup' : undefined} aria-label={controlTitle(control.name)}>
              {entries.map((entry) => {
                const pressed = isChoice
                  ? chosen.includes(entry.label)
                  : tool?.control === entry.control && tool.label === entry.label;
                const isSelectedShapeLabel = selectedLabel?.control === entry.control && selectedLabel.label === entry.label;
                return (
                  <button
                    key={entry.label}
                    type="button"
                    className={`label-button${pressed ? ' on' : ''}${isSelectedShapeLabel ? ' of-selected' : ''}`}
                    data-annotate-key=""
                    role={control.kind === 'single_choice' ? 'radio' : undefined}
                    aria-checked={control.kind === 'single_choice' ? pressed : undefined}
                    aria-pressed={control.kind === 'single_choice' ? undefined : pressed}
                    aria-keyshortcuts={entry.key ?? undefined}
                    onClick={() => onPick(entry)}
                    style={{ ['--label-color' as string]: entry.color }}
                  >
                    <span className="swatch" aria-hidden="true" />
                    <span className="label-name">{entry.label}</span>
                    {entry.key && <kbd aria-hidden="true">{entry.key}</kbd>}
                  </button>
                );
              })}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
