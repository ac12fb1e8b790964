/**
 * The label-schema editor: controls (questions asked of an item) with their kind, and their labels
 * with colour and hotkey; the problems are shown as they appear and the annotator's palette is
 * previewed live beside it.
 */
import { useId, useMemo } from 'react';
import type { ControlKind, LabelSchema } from '../api/types.ts';
import { EMPTY_DRAFT } from '../annotate/draft.ts';
import { paletteOf } from '../annotate/hotkeys.ts';
import { LabelPalette } from '../annotate/LabelPalette.tsx';
import { addControl, addLabel, KIND_NAMES, KINDS_FOR, removeControl, removeLabel, schemaIssues, updateControl, updateLabel } from './schema-edit.ts';

interface Props {
  schema: LabelSchema;
  itemKind: 'image' | 'text';
  onChange(schema: LabelSchema): void;
}

export function SchemaEditor({ schema, itemKind, onChange }: Props) {
  const issues = useMemo(() => schemaIssues(schema, itemKind), [schema, itemKind]);
  const palette = useMemo(() => paletteOf(schema), [schema]);
  const base = useId();
  const issueAt = (path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
  return (
    <div className="schema-editor">
      <div className="schema-controls">
        {schema.controls.map((control, ci) => {
          const at = `controls[${ci}]`;
          const controlIssues = issues.filter((i) => i.path === `${at}.name` || i.path === `${at}.kind` || i.path === `${at}.labels`).map((i) => i.message);
          return (
            <fieldset key={ci} className="control-editor">
              <legend>Question {ci + 1}</legend>
              <div className="row wrap">
                <label>
                  Question name
                  <input value={control.name} onChange={(e) => onChange(updateControl(schema, ci, { name: e.target.value }))} aria-invalid={issueAt(`${at}.name`).length > 0} />
                </label>
                <label>
                  Kind
                  <select value={control.kind} onChange={(e) => onChange(updateControl(schema, ci, { kind: e.target.value as ControlKind }))}>
                    {(KINDS_FOR[itemKind].includes(control.kind) ? KINDS_FOR[itemKind] : [control.kind, ...KINDS_FOR[itemKind]]).map((k) => (
                      <option key={k} value={k}>
                        {KIND_NAMES[k]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="inline">
                  <input type="checkbox" checked={control.required ?? false} onChange={(e) => onChange(updateControl(schema, ci, { required: e.target.checked }))} /> Required
                </label>
                <button type="button" className="quiet" onClick={() => onChange(removeControl(schema, ci))} disabled={schema.controls.length === 1} aria-label={`Remove question ${control.name}`}>
                  Remove question
                </button>
              </div>
              {controlIssues.length > 0 && <p className="field-error">{controlIssues.join('; ')}</p>}
              <table className="label-table">
                <thead>
                  <tr>
                    <th scope="col">Label</th>
                    <th scope="col">Colour</th>
                    <th scope="col">Key</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {control.labels.map((label, li) => {
                    const lat = `${at}.labels[${li}]`;
                    const labelIssues = issueAt(lat);
                    const id = `${base}-${ci}-${li}`;
                    return (
                      <tr key={li}>
                        <td>
                          <input
                            id={`${id}-name`}
                            aria-label={`Name of label ${li + 1} of ${control.name}`}
                            value={label.name}
                            onChange={(e) => onChange(updateLabel(schema, ci, li, { name: e.target.value }))}
                            aria-invalid={labelIssues.length > 0}
                            aria-describedby={labelIssues.length > 0 ? `${id}-err` : undefined}
                          />
                          {labelIssues.length > 0 && (
                            <p className="field-error" id={`${id}-err`}>
                              {labelIssues.join('; ')}
                            </p>
                          )}
                        </td>
                        <td>
                          <input type="color" aria-label={`Colour of ${label.name}`} value={label.color} onChange={(e) => onChange(updateLabel(schema, ci, li, { color: e.target.value }))} />
                        </td>
                        <td>
                          <input
                            className="hotkey-input"
                            aria-label={`Hotkey of ${label.name}`}
                            maxLength={1}
                            value={label.hotkey ?? ''}
                            onChange={(e) => onChange(updateLabel(schema, ci, li, { hotkey: e.target.value.toLowerCase() }))}
                          />
                        </td>
                        <td>
                          <button type="button" className="quiet" aria-label={`Remove label ${label.name}`} onClick={() => onChange(removeLabel(schema, ci, li))}>
                            ×
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <button type="button" onClick={() => onChange(addLabel(schema, ci))}>
                Add a label
              </button>
            </fieldset>
          );
        })}
        <div className="row">
          {KINDS_FOR[itemKind].map((k) => (
            <button key={k} type="button" onClick={() => onChange(addControl(schema, k))}>
              + {KIND_NAMES[k]}
            </button>
          ))}
        </div>
      </div>
      <aside className="schema-preview" aria-label="Preview of the annotator's labels">
        <h3>Preview</h3>
        <p className="muted small">What annotators will see, with their keys.</p>
        <LabelPalette schema={schema} palette={palette} draft={EMPTY_DRAFT} tool={palette.find((e) => ['bbox', 'polygon', 'span'].includes(e.kind)) ?? null} selectedLabel={null} onPick={() => undefined} />
        {issues.length > 0 ? (
          <div className="note note-warn" role="status">
            <strong>To fix before saving:</strong>
            <ul>
              {issues.map((i) => (
                <li key={`${i.path}:${i.message}`}>{i.message}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="note note-ok" role="status">
            The schema is valid.
          </p>
        )}
      </aside>
    </div>
  );
}
