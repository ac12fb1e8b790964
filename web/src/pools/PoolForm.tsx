/** The settings of a pool: who they are, what they may see (clearance, regions, languages), cost and service levels. */
import { type FormEvent, useId, useState } from 'react';
import { ErrorNote } from '../ui/feedback.tsx';
import { KIND_WORDS, POOL_KINDS, type PoolFormState, SENSITIVITIES } from './pool-form.ts';

interface Props {
  initial: PoolFormState;
  creating: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit(form: PoolFormState): void;
  onCancel?(): void;
}

export function PoolForm({ initial, creating, pending, error, submitLabel, onSubmit, onCancel }: Props) {
  const [form, setForm] = useState(initial);
  const id = useId();
  const set = <K extends keyof PoolFormState>(key: K) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value as PoolFormState[K] }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(form);
  };
  return (
    <form className="pool-form" onSubmit={submit} aria-label={creating ? 'New pool' : 'Pool settings'}>
      <fieldset>
        <legend>Who</legend>
        <div className="form-grid">
          {creating && (
            // The dash is escaped: browsers compile pattern with the v flag, which refuses a bare "-" in a class and then checks nothing.
            <label htmlFor={`${id}-key`}>
              Key
              <input id={`${id}-key`} required pattern="[a-z0-9][a-z0-9\-]*" value={form.key} onChange={set('key')} aria-describedby={`${id}-key-hint`} />
              <span id={`${id}-key-hint`} className="hint" aria-hidden="true">lower-case letters, digits and dashes; routing rules name the pool by it</span>
            </label>
          )}
          <label htmlFor={`${id}-name`}>
            Name
            <input id={`${id}-name`} required value={form.name} onChange={set('name')} />
          </label>
          <label htmlFor={`${id}-kind`}>
            Kind
            <select id={`${id}-kind`} value={form.kind} onChange={set('kind')}>
              {POOL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k]}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={`${id}-vendor`}>
            Vendor company
            <input id={`${id}-vendor`} value={form.vendor} onChange={set('vendor')} />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>What they may see</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-clearance`}>
            Clearance
            <select id={`${id}-clearance`} value={form.clearance} onChange={set('clearance')}>
              {SENSITIVITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label htmlFor={`${id}-regions`}>
            Regions
            <input id={`${id}-regions`} value={form.regions} onChange={set('regions')} placeholder="eu, us — or * for any" />
          </label>
          <label htmlFor={`${id}-languages`}>
            Languages
            <input id={`${id}-languages`} value={form.languages} onChange={set('languages')} placeholder="en, fr — or * for any" />
          </label>
          <label htmlFor={`${id}-skills`}>
            Skills
            <input id={`${id}-skills`} value={form.skills} onChange={set('skills')} placeholder="radiology, legal" />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Cost and service level</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-cost`}>
            Cost model
            <select id={`${id}-cost`} value={form.costType} onChange={set('costType')}>
              <option value="none">none</option>
              <option value="per_label">per label</option>
              <option value="per_hour">per hour</option>
              <option value="fixed_monthly">fixed per month</option>
            </select>
          </label>
          <label htmlFor={`${id}-amount`}>
            Amount
            <input id={`${id}-amount`} type="number" min={0} step="any" value={form.costAmount} onChange={set('costAmount')} disabled={form.costType === 'none'} />
          </label>
          <label htmlFor={`${id}-currency`}>
            Currency
            <input id={`${id}-currency`} value={form.currency} onChange={set('currency')} maxLength={3} size={4} disabled={form.costType === 'none'} />
          </label>
          <label htmlFor={`${id}-capacity`}>
            Capacity (hours a week)
            <input id={`${id}-capacity`} type="number" min={0} step="any" value={form.capacityHoursPerWeek} onChange={set('capacityHoursPerWeek')} />
          </label>
          <label htmlFor={`${id}-tz`}>
            Time zone
            <input id={`${id}-tz`} value={form.timeZone} onChange={set('timeZone')} placeholder="Europe/Paris" />
          </label>
          <label htmlFor={`${id}-turnaround`}>
            SLA turnaround (hours)
            <input id={`${id}-turnaround`} type="number" min={0} step="any" value={form.turnaroundHours} onChange={set('turnaroundHours')} />
          </label>
          <label htmlFor={`${id}-gold`}>
            SLA gold accuracy (%)
            <input id={`${id}-gold`} type="number" min={0} max={100} step="any" value={form.minGoldAccuracy} onChange={set('minGoldAccuracy')} />
          </label>
        </div>
      </fieldset>
      {error ? <ErrorNote error={error} /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
