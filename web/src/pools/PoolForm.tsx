/** The settings of a pool: who they are, what they may see (clearance, regions, languages), cost and service levels. */
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/errors.ts';
import { ErrorNote } from '../ui/feedback.tsx';
import { fieldErrors, KIND_WORDS, POOL_KINDS, type PoolFormState, SENSITIVITIES } from './pool-form.ts';

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
  const [submitted, setSubmitted] = useState(initial);
  const id = useId();
  const set = <K extends keyof PoolFormState>(key: K) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value as PoolFormState[K] }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(form);
    onSubmit(form);
  };
  const issues = error instanceof ApiError ? error.issues : [];
  const { fields, rest } = fieldErrors(issues);
  /** The server's complaint about a field, until the field is changed. */
  const problem = (key: keyof PoolFormState): string | undefined => (form[key] === submitted[key] ? fields[key] : undefined);
  /** What an input carries to be marked wrong and read with its complaint. */
  const marked = (key: keyof PoolFormState) => (problem(key) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${key}-error` } : {});
  const complaint = (key: keyof PoolFormState) =>
    problem(key) ? (
      <span id={`${id}-${key}-error`} className="field-error">
        {problem(key)}
      </span>
    ) : null;
  const allBesideFields = issues.length > 0 && rest.length === 0;
  return (
    <form className="pool-form" onSubmit={submit} aria-label={creating ? 'New pool' : 'Pool settings'}>
      <fieldset>
        <legend>Who</legend>
        <div className="form-grid">
          {creating && (
            // The dash is escaped: browsers compile pattern with the v flag, which refuses a bare "-" in a class and then checks nothing.
            <label htmlFor={`${id}-key`}>
              Key
              <input
                id={`${id}-key`}
                required
                pattern="[a-z0-9][a-z0-9\-]*"
                value={form.key}
                onChange={set('key')}
                aria-invalid={problem('key') ? true : undefined}
                aria-describedby={problem('key') ? `${id}-key-hint ${id}-key-error` : `${id}-key-hint`}
              />
              <span id={`${id}-key-hint`} className="hint" aria-hidden="true">lower-case letters, digits and dashes; routing rules name the pool by it</span>
              {complaint('key')}
            </label>
          )}
          <label htmlFor={`${id}-name`}>
            Name
            <input id={`${id}-name`} required value={form.name} onChange={set('name')} {...marked('name')} />
            {complaint('name')}
          </label>
          <label htmlFor={`${id}-kind`}>
            Kind
            <select id={`${id}-kind`} value={form.kind} onChange={set('kind')} {...marked('kind')}>
              {POOL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k]}
                </option>
              ))}
            </select>
            {complaint('kind')}
          </label>
          <label htmlFor={`${id}-vendor`}>
            Vendor company
            <input id={`${id}-vendor`} value={form.vendor} onChange={set('vendor')} {...marked('vendor')} />
            {complaint('vendor')}
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>What they may see</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-clearance`}>
            Clearance
            <select id={`${id}-clearance`} value={form.clearance} onChange={set('clearance')} {...marked('clearance')}>
              {SENSITIVITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
            {complaint('clearance')}
          </label>
          <label htmlFor={`${id}-regions`}>
            Regions
            <input id={`${id}-regions`} value={form.regions} onChange={set('regions')} placeholder="eu, us — or * for any" {...marked('regions')} />
            {complaint('regions')}
          </label>
          <label htmlFor={`${id}-languages`}>
            Languages
            <input id={`${id}-languages`} value={form.languages} onChange={set('languages')} placeholder="en, fr — or * for any" {...marked('languages')} />
            {complaint('languages')}
          </label>
          <label htmlFor={`${id}-skills`}>
            Skills
            <input id={`${id}-skills`} value={form.skills} onChange={set('skills')} placeholder="radiology, legal" {...marked('skills')} />
            {complaint('skills')}
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Cost and service level</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-cost`}>
            Cost model
            <select id={`${id}-cost`} value={form.costType} onChange={set('costType')} {...marked('costType')}>
              <option value="none">none</option>
              <option value="per_label">per label</option>
              <option value="per_hour">per hour</option>
              <option value="fixed_monthly">fixed per month</option>
            </select>
            {complaint('costType')}
          </label>
          <label htmlFor={`${id}-amount`}>
            Amount
            <input id={`${id}-amount`} type="number" min={0} step="any" value={form.costAmount} onChange={set('costAmount')} disabled={form.costType === 'none'} {...marked('costAmount')} />
            {complaint('costAmount')}
          </label>
          <label htmlFor={`${id}-currency`}>
            Currency
            <input id={`${id}-currency`} value={form.currency} onChange={set('currency')} maxLength={3} size={4} disabled={form.costType === 'none'} {...marked('currency')} />
            {complaint('currency')}
          </label>
          <label htmlFor={`${id}-capacity`}>
            Capacity (hours a week)
            <input id={`${id}-capacity`} type="number" min={0} step="any" value={form.capacityHoursPerWeek} onChange={set('capacityHoursPerWeek')} {...marked('capacityHoursPerWeek')} />
            {complaint('capacityHoursPerWeek')}
          </label>
          <label htmlFor={`${id}-tz`}>
            Time zone
            <input id={`${id}-tz`} value={form.timeZone} onChange={set('timeZone')} placeholder="Europe/Paris" {...marked('timeZone')} />
            {complaint('timeZone')}
          </label>
          <label htmlFor={`${id}-turnaround`}>
            SLA turnaround (hours)
            <input id={`${id}-turnaround`} type="number" min={0} step="any" value={form.turnaroundHours} onChange={set('turnaroundHours')} {...marked('turnaroundHours')} />
            {complaint('turnaroundHours')}
          </label>
          <label htmlFor={`${id}-gold`}>
            SLA gold accuracy (%)
            <input id={`${id}-gold`} type="number" min={0} max={100} step="any" value={form.minGoldAccuracy} onChange={set('minGoldAccuracy')} {...marked('minGoldAccuracy')} />
            {complaint('minGoldAccuracy')}
          </label>
        </div>
      </fieldset>
      {error && allBesideFields ? (
        <div className="note note-error" role="alert">
          The pool was not saved: {issues.length === 1 ? 'one field needs' : 'some fields need'} a change (marked above).
        </div>
      ) : error ? (
        <ErrorNote error={error} />
      ) : null}
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
