/**
 * The strategy advisor: the project's profile in a few questions (any left unanswered), and its
 * answer — in-house, outsourced or hybrid — with the reasons tied to the answers, the risks, what
 * it assumed, and a routing policy to take to the routing editor with the project's own pools.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Advice } from '../api/analytics-types.ts';
import { api } from '../api/client.ts';
import type { Pool, RoutingPolicy } from '../api/workforce-types.ts';
import { conditionWords } from '../routing/policy-edit.ts';
import { ErrorNote } from '../ui/feedback.tsx';
import { assumptionLine, reasonLine } from './reason-words.ts';
import { EMPTY_PROFILE, type ProfileForm, profileFromForm, replacePoolKeys } from './strategy-form.ts';

const RECOMMENDATION_WORDS: Record<Advice['recommendation'], string> = { in_house: 'Label in-house', outsourced: 'Outsource the labelling', hybrid: 'Go hybrid' };

/** The profile's fields as the form asks them, to say which questions were left to an assumption. */
const QUESTIONS: Record<string, string> = {
  stage: 'Stage',
  'domain.specialised': 'Needs domain experts',
  judgement: 'The labels are',
  critical_share: 'Edge cases or critical items (%)',
  sensitivity: 'Most sensitive data',
  regulations: 'Regulations',
  volume_per_week: 'Items per week, week by week',
  iteration: 'Labelling',
  budget: 'Budget',
  'team.can_manage_annotators': 'Someone can hire and manage annotators',
  'team.engineers_have_time': 'Engineers have time to label',
  languages: 'Languages',
};

export function AdvisorPanel({ projectId, pools }: { projectId: number; pools: Pool[] }) {
  const id = useId();
  const [form, setForm] = useState<ProfileForm>(EMPTY_PROFILE);
  const advise = useMutation({ mutationFn: () => api<Advice>('POST', '/api/v1/strategy/advise', profileFromForm(form)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    advise.mutate();
  };
  const choice = <K extends keyof ProfileForm>(key: K, words: string, options: [string, string][]): ReactNode => (
    <label htmlFor={`${id}-${key}`}>
      {words}
      <select id={`${id}-${key}`} value={form[key] as string} onChange={(e) => setForm({ ...form, [key]: e.target.value })}>
        <option value="">don't know</option>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
  const text = <K extends keyof ProfileForm>(key: K, words: string, placeholder: string): ReactNode => (
    <label htmlFor={`${id}-${key}`}>
      {words}
      <input id={`${id}-${key}`} value={form[key] as string} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  const yesNo: [string, string][] = [
    ['yes', 'yes'],
    ['no', 'no'],
  ];
  return (
    <>
      <form className="stack" onSubmit={submit} aria-label="Project profile">
        <div className="form-grid">
          {choice('stage', 'Stage', [
            ['poc', 'proof of concept'],
            ['scaling', 'scaling up'],
            ['production', 'in production'],
          ])}
          {choice('specialised', 'Needs domain experts', yesNo)}
          {choice('judgement', 'The labels are', [
            ['objective', 'objective'],
            ['subjective', 'a matter of judgement'],
            ['mixed', 'mixed'],
          ])}
          {text('criticalPercent', 'Edge cases or critical items (%)', '5')}
          {choice('sensitivity', 'Most sensitive data', [
            ['public', 'public'],
            ['internal', 'internal'],
            ['confidential', 'confidential'],
            ['restricted', 'restricted'],
          ])}
          {text('regulations', 'Regulations', 'gdpr, hipaa')}
          {text('volumePerWeek', 'Items per week, week by week', '2000, 4000, 8000')}
          {choice('iteration', 'Labelling', [
            ['stable', 'one pass'],
            ['active_learning', 'in an active-learning loop'],
          ])}
          {choice('budget', 'Budget', [
            ['fixed', 'fixed'],
            ['variable', 'variable'],
          ])}
          {choice('canManage', 'Someone can hire and manage annotators', yesNo)}
          {choice('engineersHaveTime', 'Engineers have time to label', yesNo)}
          {text('languages', 'Languages', 'en, fr')}
        </div>
        {advise.error && <ErrorNote error={advise.error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={advise.isPending}>
            {advise.isPending ? 'Thinking…' : 'Advise'}
          </button>
        </div>
      </form>
      {advise.data && <AdviceView advice={advise.data} projectId={projectId} pools={pools} />}
    </>
  );
}

function AdviceView({ advice, projectId, pools }: { advice: Advice; projectId: number; pools: Pool[] }) {
  const navigate = useNavigate();
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(advice.pools.map((p) => [p.key, pools.find((x) => x.key === p.key)?.key ?? pools.find((x) => x.kind === p.kind)?.key ?? ''])),
  );
  const policy = replacePoolKeys(advice.policy as RoutingPolicy, mapping);
  const open = () => navigate(`/projects/${projectId}/routing`, { state: { policy, note: `strategy advisor: ${advice.recommendation}${advice.pattern ? ` (${advice.pattern})` : ''}` } });
  return (
    <div className="advice" data-testid="advice">
      <h3 className="advice-headline">
        {RECOMMENDATION_WORDS[advice.recommendation]}
        {advice.patternDescription && <span className="muted"> — {advice.patternDescription}</span>}
      </h3>
      <p className="muted small">
        Leaning in-house {advice.scores.in_house}, outsourced {advice.scores.outsourced}.{advice.crowdAllowed ? '' : ' No crowd pool may take this work.'}
      </p>
      <div className="two-columns">
        <div>
          <h4>Why</h4>
          <ul className="reasons">
            {advice.reasons.map((r) => {
              const line = reasonLine(r);
              return (
                <li key={`${r.field}/${r.answer}`} className={r.assumed ? 'assumed' : undefined}>
                  <span className="badge">{r.leans.replace('_', '-')}</span> <strong>{line.answer}</strong>
                  {r.assumed && (
                    <>
                      {' '}
                      <span className="badge" title="You left this question unanswered">assumed</span>
                    </>
                  )}
                  {line.rest}
                </li>
              );
            })}
          </ul>
          {advice.risks.length > 0 && (
            <>
              <h4>Risks</h4>
              <ul className="risks">
                {advice.risks.map((r) => (
                  <li key={r.risk}>
                    <strong>{r.risk}</strong> {r.mitigation}
                  </li>
                ))}
              </ul>
            </>
          )}
          {advice.assumptions.length > 0 && (
            <section data-testid="assumptions" aria-label="Assumed answers">
              <h4>
                Assumed for {advice.assumptions.length === 1 ? 'the question' : `the ${advice.assumptions.length} questions`} you left unanswered
              </h4>
              <p className="muted small">The advice above rests on these; answer them to replace an assumption with the fact.</p>
              <ul>
                {advice.assumptions.map((a) => (
                  <li key={a.field}>
                    <strong>{QUESTIONS[a.field] ?? a.field}</strong>: {assumptionLine(a)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <div>
          <h4>The routing policy it proposes</h4>
          <ol className="proposed-rules">
            {policy.rules.map((r) => (
              <li key={r.name}>
                <strong>{r.name}</strong>: {conditionWords(r.when)} → {r.to.map((t) => `${t.pool}${t.role === 'expert' ? ' (experts)' : ''}`).join(', ')}
                {r.reviewSample !== undefined && <> · {Math.round(r.reviewSample * 100)} % reviewed by {(r.reviewBy ?? []).join(', ')}</>}
              </li>
            ))}
          </ol>
          {advice.pools.length > 0 && (
            <fieldset>
              <legend>Your pools for its placeholders</legend>
              {advice.pools.map((p) => (
                <label key={p.key}>
                  <span>
                    <code>{p.key}</code> <span className="muted small">{p.role}</span>
                  </span>
                  <select value={mapping[p.key] ?? ''} onChange={(e) => setMapping({ ...mapping, [p.key]: e.target.value })} aria-label={`Pool for ${p.key}`}>
                    <option value="">keep “{p.key}”</option>
                    {pools.map((x) => (
                      <option key={x.key} value={x.key}>
                        {x.name} ({x.key})
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          <button type="button" className="primary" onClick={open}>
            Open it in the routing editor
          </button>
          <p className="muted small">The routing editor shows it as a draft: run its dry run there before applying it.</p>
        </div>
      </div>
    </div>
  );
}
