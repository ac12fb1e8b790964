/** Markdown guidelines with a live preview (rendered as annotators will see them, sanitised). */
import { useDeferredValue, useId } from 'react';
import { Markdown } from '../ui/Markdown.tsx';

export function GuidelinesEditor({ value, onChange }: { value: string; onChange(value: string): void }) {
  const id = useId();
  const preview = useDeferredValue(value);
  return (
    <div className="guidelines-editor">
      <div className="stack">
        <label htmlFor={id}>Guidelines (Markdown)</label>
        <textarea id={id} rows={16} value={value} onChange={(e) => onChange(e.target.value)} spellCheck />
      </div>
      <div className="guidelines-preview" aria-label="Preview of the guidelines">
        <p className="muted small">Preview</p>
        {preview.trim() ? <Markdown source={preview} /> : <p className="muted">Nothing written yet.</p>}
      </div>
    </div>
  );
}
