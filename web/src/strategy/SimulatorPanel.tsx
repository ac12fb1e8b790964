/** The simulator: a plan (volume per week, the candidate pools with their figures), run many times over each workforce mix. */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { SimulationResult } from '../api/analytics-types.ts';
import { api } from '../api/client.ts';
import type { Pool } from '../api/workforce-types.ts';
import { KIND_WORDS } from '../pools/pool-form.ts';
import { ErrorNote } from '../ui/feedback.tsx';
import { SimulationResults } from './SimulationResults.tsx';
import { type PlanForm, type PlanPoolForm, planFormFor, planFromForm } from './strategy-form.ts';

export function SimulatorPanel({ projectId, pools }: { projectId: number; pools: Pool[] }) {
  const id = useId();
  const [form, setForm] = useState<PlanForm>(() => planFormFor(pools, new Date().toISOString().slice(0, 10)));
  const run = useMutation({
    mutationFn: () => {
      const params = new URLSearchParams({ runs: form.runs || '1000', seed: form.seed || '1', ...(form.fromHistory ? { project: String(projectId) } : {}) });
      return api<SimulationResult & { figures?: { key: string; sources: Record<string, string> }[] }>('POST', `/api/v1/strategy/simulate?${params}`, planFromForm(form));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  const setPool = (i: number, patch: Partial<PlanPoolForm>) => setForm({ ...form, pools: form.pools.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const field = (key: keyof PlanForm, words: string, props: { type?: string; className?: string; placeholder?: string } = {}) => (
    <label htmlFor={`${id}-${key}`}>
      {words}
      <input id={`${id}-${key}`} type={props.type ?? 'text'} className={props.className} placeholder={props.placeholder} value={form[key] as string} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <>
      <form className="stack" onSubmit={submit} aria-label="Simulation plan">
        <div className="form-grid">
          {field('start', 'First week starts', { type: 'date' })}
          {field('volumePerWeek', 'New items per week', { placeholder: '2000, 4000, 4000' })}
          {field('overlap', 'Annotators per item', { type: 'number', className: 'short' })}
          {field('hardPercent', 'Hard items for experts (%)', { type: 'number' })}
          {field('confidentialPercent', 'Confidential items (%)', { type: 'number' })}
          {field('pilotItems', 'Pilot batch in-house (items)', { type: 'number' })}
          {field('reviewPercent', 'Vendor work reviewed in-house (%)', { type: 'number' })}
          {field('baseCurrency', 'Sum costs in (currency)', { placeholder: 'EUR' })}
          {field('rates', 'Exchange rates', { placeholder: 'USD=0.92' })}
          {field('runs', 'Runs', { type: 'number', className: 'short' })}
          {field('seed', 'Seed', { type: 'number', className: 'short' })}
          <label className="inline">
            <input type="checkbox" checked={form.fromHistory} onChange={(e) => setForm({ ...form, fromHistory: e.target.checked })} /> Measure the pools in this project's history where it has enough
          </label>
        </div>
        <table className="table compact plan-pools">
          <caption>Candidate pools</caption>
          <thead>
            <tr>
              <th scope="col">Pool</th>
              <th scope="col">Experts</th>
              <th scope="col">Annotators</th>
              <th scope="col">Hours a week</th>
              <th scope="col">Labels an hour</th>
              <th scope="col">Accuracy (0–1)</th>
              <th scope="col">Cost</th>
              <th scope="col">Own review (0–1)</th>
            </tr>
          </thead>
          <tbody>
            {form.pools.map((p, i) => (
              <tr key={p.key}>
                <th scope="row">
                  {p.key} <span className="muted small">{KIND_WORDS[p.kind]}</span>
                </th>
                <td>
                  <input type="checkbox" aria-label={`${p.key} are domain experts`} checked={p.expert} onChange={(e) => setPool(i, { expert: e.target.checked })} />
                </td>
                {(['annotators', 'hoursPerWeek', 'labelsPerHour', 'accuracy'] as const).map((k) => (
                  <td key={k}>
                    <input className="short" type="number" step="any" min={0} aria-label={`${k} of ${p.key}`} value={p[k]} onChange={(e) => setPool(i, { [k]: e.target.value })} />
                  </td>
                ))}
                <td className="cost-cell">
                  <input className="short" type="number" step="any" min={0} aria-label={`Cost amount of ${p.key}`} value={p.costAmount} onChange={(e) => setPool(i, { costAmount: e.target.value })} />
                  <input className="currency" aria-label={`Currency of ${p.key}`} maxLength={3} value={p.currency} onChange={(e) => setPool(i, { currency: e.target.value })} />
                  <select aria-label={`Cost model of ${p.key}`} value={p.costType} onChange={(e) => setPool(i, { costType: e.target.value as PlanPoolForm['costType'] })}>
                    <option value="per_label">per label</option>
                    <option value="per_hour">per hour</option>
                    <option value="fixed_monthly">per month</option>
                  </select>
                </td>
                <td>
                  <input className="short" type="number" step="any" min={0} max={1} aria-label={`Own review rate of ${p.key}`} value={p.reviewRate} onChange={(e) => setPool(i, { reviewRate: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {run.error && <ErrorNote error={run.error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={run.isPending || form.pools.length === 0}>
            {run.isPending ? 'Simulating…' : 'Simulate'}
          </button>
        </div>
      </form>
      {run.data && <SimulationResults result={run.data} />}
    </>
  );
}
