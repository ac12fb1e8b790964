/**
 * /projects/:projectId/analytics — what the project costs and how fast and well it goes: the true
 * cost per accepted label of each pool side by side, throughput and quality of each pool day by
 * day, and the velocity curve with the forecast completion date and its interval.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useParams } from 'react-router';
import type { Analytics, AnalyticsRow, AnalyticsWindow, Velocity } from '../api/analytics-types.ts';
import { api } from '../api/client.ts';
import { Chart } from '../charts/Chart.tsx';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { ErrorNote, FieldError, Loading } from '../ui/feedback.tsx';
import { type FormField, formRefusal, invalidProps } from '../ui/form-errors.ts';
import { costPerPoolOption, formatPrice, poolLinesOption, poolOf, velocityOption } from './analytics-charts.ts';
import { PoolTable } from './PoolTable.tsx';

const NO_WINDOW: AnalyticsWindow = { from: '', to: '', currency: '', rates: '' };

/** The period form's fields as a refusal names them (its query parameters), in the form's words: "to" is the field labelled "Before". */
const WINDOW_FIELDS: Record<keyof AnalyticsWindow, FormField> = {
  from: { paths: ['from'], words: (issue) => (/before to/.test(issue.message) ? 'Pick a day before the “Before” day.' : null) },
  to: { paths: ['to'], words: (issue) => (/after from/.test(issue.message) ? 'Pick a day after the “From” day.' : null) },
  currency: { paths: ['currency'], words: () => 'A currency is a code of three letters, such as EUR or USD.' },
  rates: {
    paths: ['rates'],
    words: (issue) => {
      const missing = /^no exchange rate from (\w+) to (\w+)$/.exec(issue.message);
      return missing ? `Add the rate of ${missing[1]} in ${missing[2]}, e.g. ${missing[1]}=1.08.` : null;
    },
  },
};

function query(period: AnalyticsWindow, extra: [string, string][]): string {
  const params = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(period)) if (v.trim()) params.set(k, v.trim());
  return params.toString();
}

type QualityMetric = 'revised' | 'gold' | 'agreement';
const QUALITY: Record<QualityMetric, { words: string; pick(r: AnalyticsRow): number | null }> = {
  revised: { words: 'Share of reviewed labels that were revised', pick: (r) => r.revision?.rate ?? null },
  gold: { words: 'Gold accuracy', pick: (r) => r.goldAccuracy?.rate ?? null },
  // The items' agreement among their annotators, as the quality page measures it: every kind of
  // answer, regions too (agreement with the consensus compares choice answers only).
  agreement: { words: 'Agreement with the other annotators', pick: (r) => r.itemAgreement?.mean ?? null },
};

export default function AnalyticsPage() {
  const projectId = Number(useParams().projectId);
  const id = useId();
  const [form, setForm] = useState(NO_WINDOW);
  const [period, setPeriod] = useState(NO_WINDOW);
  const [metric, setMetric] = useState<QualityMetric>('revised');
  // Both groupings in one request: the server reads the project's work once for the two.
  const figures = useQuery({
    queryKey: ['projects', projectId, 'analytics', 'pool;pool,day', period],
    queryFn: () => api<Analytics>('GET', `/api/v1/projects/${projectId}/analytics?${query(period, [['groupBy', 'pool'], ['groupBy', 'pool,day']])}`),
  });
  const data = figures.data;
  const poolRows = data?.groupings[0]?.rows ?? [];
  const dayRows = data?.groupings[1]?.rows ?? [];
  const velocity = useQuery({ queryKey: ['projects', projectId, 'velocity'], queryFn: () => api<Velocity>('GET', `/api/v1/projects/${projectId}/velocity`) });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPeriod(form);
  };
  // A refused period is said beside the field at fault; only what belongs to no field goes under the form.
  const refused = formRefusal(figures.error, WINDOW_FIELDS);
  const invalid = (key: keyof AnalyticsWindow) => invalidProps(`${id}-${key}-error`, refused.fields[key]);
  const t = data?.totals;
  const priced = poolRows.filter((r) => r.cost.some((c) => c.perAcceptedLabel !== null));
  return (
    <ProjectFrame projectId={projectId} title="Analytics" wide>
      <form className="row wrap analytics-window" onSubmit={apply} aria-label="Period and currency">
        <label htmlFor={`${id}-from`}>
          From
          <input id={`${id}-from`} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} {...invalid('from')} />
          <FieldError id={`${id}-from-error`} text={refused.fields.from} />
        </label>
        <label htmlFor={`${id}-to`}>
          Before
          <input id={`${id}-to`} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} {...invalid('to')} />
          <FieldError id={`${id}-to-error`} text={refused.fields.to} />
        </label>
        <label htmlFor={`${id}-currency`}>
          In one currency
          <input id={`${id}-currency`} className="short" maxLength={3} placeholder="EUR" value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} {...invalid('currency')} />
          <FieldError id={`${id}-currency-error`} text={refused.fields.currency} />
        </label>
        <label htmlFor={`${id}-rates`}>
          Exchange rates
          <input id={`${id}-rates`} placeholder="USD=0.92" value={form.rates} onChange={(e) => setForm({ ...form, rates: e.target.value })} disabled={!form.currency} {...invalid('rates')} />
          <FieldError id={`${id}-rates-error`} text={refused.fields.rates} />
        </label>
        <button type="submit">Show</button>
      </form>
      {figures.isError && refused.rest && <ErrorNote error={figures.error} />}
      {figures.isPending && <Loading what="the figures" />}
      {t && (
        <dl className="stats" aria-label="Totals">
          <div>
            <dt>Labels</dt>
            <dd>{t.labels.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Accepted labels</dt>
            <dd>{t.acceptedLabels.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Labels per hour</dt>
            <dd>{t.labelsPerHour === null ? '—' : t.labelsPerHour.toFixed(1)}</dd>
          </div>
          <div>
            <dt>Cost per accepted label</dt>
            <dd>{t.cost.length === 0 ? '—' : t.cost.map((c) => `${c.perAcceptedLabel === null ? '—' : formatPrice(c.perAcceptedLabel)} ${c.currency}`).join(' + ')}</dd>
          </div>
          <div>
            <dt>Turnaround (median)</dt>
            <dd>{t.turnaroundHours ? `${t.turnaroundHours.p50 < 1 ? `${Math.round(t.turnaroundHours.p50 * 60)} min` : `${t.turnaroundHours.p50.toFixed(1)} h`}` : '—'}</dd>
          </div>
        </dl>
      )}
      {data && (
        <section className="panel" aria-labelledby="cost-title">
          <h2 id="cost-title">Cost per accepted label, per pool</h2>
          <p className="muted small">The true cost: labelling, overlap, rework, review, gold, training and idle months of fixed-price pools, divided by the labels accepted.</p>
          {priced.length > 0 ? (
            <Chart
              label={`Cost per accepted label: ${priced.map((r) => `${poolOf(r)} ${r.cost.map((c) => `${c.perAcceptedLabel === null ? '—' : formatPrice(c.perAcceptedLabel)} ${c.currency}`).join(' + ')}`).join(', ')}`}
              option={costPerPoolOption(priced)}
              height={240}
            />
          ) : (
            <p className="muted">No pool with a cost model has accepted labels in this period.</p>
          )}
          <PoolTable rows={poolRows} />
        </section>
      )}
      {dayRows.some((r) => r.key.day) && (
        <div className="two-columns">
          <section className="panel" aria-labelledby="throughput-title">
            <h2 id="throughput-title">Throughput per pool</h2>
            <Chart label="Labels per day, per pool" option={poolLinesOption(dayRows, (r) => r.labels, { name: 'labels a day', minInterval: 1 }, 'bar')} height={240} />
          </section>
          <section className="panel" aria-labelledby="quality-title">
            <div className="row space">
              <h2 id="quality-title">Quality per pool</h2>
              <label className="inline small">
                Figure
                <select value={metric} onChange={(e) => setMetric(e.target.value as QualityMetric)}>
                  {Object.entries(QUALITY).map(([k, q]) => (
                    <option key={k} value={k}>
                      {q.words}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <Chart label={`${QUALITY[metric].words}, per day and pool`} option={poolLinesOption(dayRows, QUALITY[metric].pick, { min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } })} height={240} />
          </section>
        </div>
      )}
      <section className="panel" aria-labelledby="velocity-title">
        <h2 id="velocity-title">Velocity and completion forecast</h2>
        {velocity.isError && <ErrorNote error={velocity.error} />}
        {velocity.data && <VelocityView velocity={velocity.data} />}
      </section>
      {data && data.assumptions.length > 0 && (
        <details className="assumptions">
          <summary>How the costs are counted ({data.assumptions.length} assumptions)</summary>
          <ul>
            {data.assumptions.map((a) => (
              <li key={a.field}>
                <strong>{a.field}</strong> = {a.value}: {a.why}
              </li>
            ))}
          </ul>
        </details>
      )}
    </ProjectFrame>
  );
}

function VelocityView({ velocity }: { velocity: Velocity }) {
  const f = velocity.forecast;
  const day = (d: string | null) => (d ? new Date(d).toLocaleDateString() : '—');
  return (
    <>
      <p data-testid="forecast">
        {velocity.remaining.toLocaleString()} items left.{' '}
        {f.expectedDate ? (
          <>
            At {f.velocity.mean?.toFixed(1)} items a week (last {f.velocity.weeks} weeks), done around <strong>{day(f.expectedDate)}</strong>; {Math.round(f.confidence * 100)} % interval {day(f.earliestDate)} – {day(f.latestDate)}.
          </>
        ) : (
          <>No forecast: {f.reason ?? 'not enough history'}.</>
        )}
      </p>
      <Chart
        label={`Items accepted per week and in total${f.expectedDate ? `, forecast to finish ${day(f.expectedDate)} (between ${day(f.earliestDate)} and ${day(f.latestDate)})` : ''}`}
        option={velocityOption(velocity)}
        height={280}
        table={
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col" className="num">Items accepted</th>
                <th scope="col" className="num">Labels</th>
              </tr>
            </thead>
            <tbody>
              {velocity.weeks.map((w) => (
                <tr key={w.weekStart}>
                  <td>
                    {w.weekStart}
                    {w.complete ? '' : ' (so far)'}
                  </td>
                  <td className="num">{w.count}</td>
                  <td className="num">{w.labels}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </>
  );
}
