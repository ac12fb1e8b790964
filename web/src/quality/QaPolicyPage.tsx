/**
 * /projects/:projectId/qa-policy — how much of each pool's work is reviewed, when items go to the
 * experts, what a rejection does, and the gold checks with the bar under which annotators are paused.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api/client.ts';
import { qaPolicyQuery } from '../api/quality-queries.ts';
import type { QaPolicy } from '../api/quality-types.ts';
import { poolsQuery } from '../api/workforce-queries.ts';
import type { Pool } from '../api/workforce-types.ts';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { formFromPolicy, KINDS, policyFromForm, type QaPolicyForm } from './qa-policy-form.ts';

export default function QaPolicyPage() {
  const projectId = Number(useParams().projectId);
  const policy = useQuery(qaPolicyQuery(projectId));
  const pools = useQuery(poolsQuery);
  return (
    <ProjectFrame projectId={projectId} title="QA policy">
      {(policy.isPending || pools.isPending) && <Loading what="the QA policy" />}
      {policy.isError && <ErrorNote error={policy.error} />}
      {pools.isError && <ErrorNote error={pools.error} />}
      {policy.data && pools.data && <QaPolicyEditor projectId={projectId} policy={policy.data} pools={pools.data} />}
    </ProjectFrame>
  );
}

function QaPolicyEditor({ projectId, policy, pools }: { projectId: number; policy: QaPolicy; pools: Pool[] }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<QaPolicyForm>(() => formFromPolicy(policy));
  const save = useMutation({
    mutationFn: () => api<QaPolicy>('PUT', `/api/v1/projects/${projectId}/qa-policy`, policyFromForm(form)),
    onSuccess: (saved) => {
      queryClient.setQueryData(qaPolicyQuery(projectId).queryKey, saved);
      setForm(formFromPolicy(saved));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const percentInput = (inputId: string, value: string, onChange: (v: string) => void, max = 100) => (
    <input id={inputId} className="short" type="number" min={0} max={max} step="any" required value={value} onChange={(e) => onChange(e.target.value)} />
  );
  return (
    <form className="qa-policy" onSubmit={submit} aria-label="QA policy">
      <fieldset>
        <legend>Review sampling (share of the labels sent to review, %)</legend>
        <div className="form-grid">
          {KINDS.map(({ kind, words }) => (
            <label key={kind} htmlFor={`${id}-${kind}`}>
              {words}
              {percentInput(`${id}-${kind}`, form.reviewRates[kind], (v) => setForm({ ...form, reviewRates: { ...form.reviewRates, [kind]: v } }))}
            </label>
          ))}
        </div>
        <h3>Per pool (empty: the rate of its kind)</h3>
        <div className="form-grid">
          {pools.map((p) => (
            <label key={p.key} htmlFor={`${id}-pool-${p.key}`}>
              {p.name} <code className="muted small">{p.key}</code>
              <input
                id={`${id}-pool-${p.key}`}
                className="short"
                type="number"
                min={0}
                max={100}
                step="any"
                value={form.poolReviewRates[p.key] ?? ''}
                onChange={(e) => setForm({ ...form, poolReviewRates: { ...form.poolReviewRates, [p.key]: e.target.value } })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Adjudication and rejections</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-agreement`}>
            Send to the experts when agreement is below (−1 to 1, empty: never)
            <input id={`${id}-agreement`} className="short" type="number" min={-1} max={1} step={0.05} value={form.agreementThreshold} onChange={(e) => setForm({ ...form, agreementThreshold: e.target.value })} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={form.adjudicateOnGoldFail} onChange={(e) => setForm({ ...form, adjudicateOnGoldFail: e.target.checked })} /> Send to the experts when a gold check fails
          </label>
          <label htmlFor={`${id}-reject`}>
            A rejected label goes to
            <select id={`${id}-reject`} value={form.onReject} onChange={(e) => setForm({ ...form, onReject: e.target.value as QaPolicy['onReject'] })}>
              <option value="rework">rework</option>
              <option value="adjudicate">the experts</option>
            </select>
          </label>
          <label htmlFor={`${id}-rework`}>
            Rework is done by
            <select id={`${id}-rework`} value={form.reworkTo} onChange={(e) => setForm({ ...form, reworkTo: e.target.value as QaPolicy['reworkTo'] })} disabled={form.onReject !== 'rework'}>
              <option value="same">the same annotator</option>
              <option value="other">another annotator</option>
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Gold checks</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-gold-rate`}>
            Gold tasks mixed in (%, up to 50)
            {percentInput(`${id}-gold-rate`, form.goldRate, (v) => setForm({ ...form, goldRate: v }), 50)}
          </label>
          <label htmlFor={`${id}-pass`}>
            Score that passes a gold task (%)
            {percentInput(`${id}-pass`, form.goldPassScore, (v) => setForm({ ...form, goldPassScore: v }))}
          </label>
          <label htmlFor={`${id}-bar`}>
            Pause an annotator under this accuracy (%)
            {percentInput(`${id}-bar`, form.goldMinAccuracy, (v) => setForm({ ...form, goldMinAccuracy: v }))}
          </label>
          <label htmlFor={`${id}-samples`}>
            …after at least this many gold tasks
            <input id={`${id}-samples`} className="short" type="number" min={1} max={10000} step={1} required value={form.goldMinSamples} onChange={(e) => setForm({ ...form, goldMinSamples: e.target.value })} />
          </label>
        </div>
      </fieldset>
      {save.error && <ErrorNote error={save.error} />}
      {save.isSuccess && (
        <p className="note note-ok" role="status">
          Saved: the QA policy applies to the work that comes in from now on.
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the QA policy'}
        </button>
      </div>
    </form>
  );
}
