/** An item's routing attributes, changed by a manager: its unclaimed work is routed again at once. */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import type { Item } from '../api/types.ts';
import type { ItemAttributes, RouteExplanation } from '../api/workforce-types.ts';
import { splitList } from '../pools/pool-form.ts';
import { ErrorNote } from '../ui/feedback.tsx';
import { SENSITIVITY_LEVELS } from './policy-edit.ts';

export function ItemAttributesForm({ itemId, facts, onSaved }: { itemId: number; facts: RouteExplanation['item']; onSaved(): void }) {
  const id = useId();
  const [form, setForm] = useState({
    sensitivity: facts.sensitivity,
    region: facts.region ?? '',
    language: facts.language ?? '',
    tags: facts.tags.join(', '),
    edgeCase: facts.edgeCase,
    confidence: facts.confidence === null ? '' : String(Number(facts.confidence.toFixed(4))),
  });
  const save = useMutation({
    mutationFn: () => {
      const body: ItemAttributes = {
        sensitivity: form.sensitivity,
        region: form.region.trim() || null,
        language: form.language.trim() || null,
        tags: splitList(form.tags),
        edgeCase: form.edgeCase,
        modelConfidence: form.confidence.trim() === '' ? null : Number(form.confidence),
      };
      return api<Item>('PATCH', `/api/v1/items/${itemId}`, body);
    },
    onSuccess: onSaved,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="item-attributes" onSubmit={submit} aria-label="Routing attributes of the item">
      <div className="form-grid">
        <label htmlFor={`${id}-s`}>
          Sensitivity
          <select id={`${id}-s`} value={form.sensitivity} onChange={(e) => setForm({ ...form, sensitivity: e.target.value as typeof form.sensitivity })}>
            {SENSITIVITY_LEVELS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-r`}>
          Region
          <input id={`${id}-r`} value={form.region} placeholder="none" onChange={(e) => setForm({ ...form, region: e.target.value })} />
        </label>
        <label htmlFor={`${id}-l`}>
          Language
          <input id={`${id}-l`} value={form.language} placeholder="none" onChange={(e) => setForm({ ...form, language: e.target.value })} />
        </label>
        <label htmlFor={`${id}-t`}>
          Tags
          <input id={`${id}-t`} value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} />
        </label>
        <label htmlFor={`${id}-c`}>
          Model confidence
          <input id={`${id}-c`} type="number" min={0} max={1} step="any" placeholder="no prediction" value={form.confidence} onChange={(e) => setForm({ ...form, confidence: e.target.value })} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={form.edgeCase} onChange={(e) => setForm({ ...form, edgeCase: e.target.checked })} /> Edge case
        </label>
      </div>
      {save.error && <ErrorNote error={save.error} />}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save and route again'}
      </button>
    </form>
  );
}
