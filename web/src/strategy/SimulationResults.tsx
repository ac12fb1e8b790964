/** The simulated mixes side by side: completion, cost and accuracy as bars of the mean with the p5–p95 range as error bars. */
import type { EChartsCoreOption } from 'echarts/core';
import { useState } from 'react';
import type { Interval, SimulationResult } from '../api/analytics-types.ts';
import { Chart } from '../charts/Chart.tsx';
import { errorBarSeries } from '../charts/error-bars.ts';

function intervalBars(names: string[], intervals: (Interval | null)[], unit: string, digits: number, yAxis: Record<string, unknown> = {}): EChartsCoreOption {
  return {
    grid: { left: 64, right: 16, top: 16, bottom: 64 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const i = intervals[p.dataIndex];
        return i ? `${names[p.dataIndex]}: ${i.mean.toFixed(digits)} ${unit} (90 % of runs ${i.p5.toFixed(digits)}–${i.p95.toFixed(digits)})` : `${names[p.dataIndex]}: not finished`;
      },
    },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value', scale: true, ...yAxis },
    series: [
      { name: 'mean', type: 'bar', barMaxWidth: 44, itemStyle: { color: '#6c8ebf' }, data: intervals.map((i) => i?.mean ?? null) },
      errorBarSeries('p5–p95', intervals.flatMap((i, n) => (i ? [[n, i.p5, i.p95] as [number, number, number]] : []))),
    ],
  };
}

const range = (i: Interval | null, digits: number, unit = '') => (i ? `${i.mean.toFixed(digits)}${unit} (${i.p5.toFixed(digits)}–${i.p95.toFixed(digits)})` : '—');

export function SimulationResults({ result }: { result: SimulationResult & { figures?: { key: string; sources: Record<string, string> }[] } }) {
  const currencies = [...new Set(result.mixes.flatMap((m) => Object.keys(m.cost)))].sort();
  const [currency, setCurrency] = useState(currencies[0] ?? '');
  const names = result.mixes.map((m) => m.name.replaceAll('_', ' '));
  const weeks = result.mixes.map((m) => m.completionWeeks);
  const costs = result.mixes.map((m) => m.cost[currency] ?? null);
  const accuracy = result.mixes.map((m) => m.accuracy);
  const words = (values: (Interval | null)[], digits: number) => names.map((n, i) => `${n} ${range(values[i] ?? null, digits)}`).join(', ');
  return (
    <div className="simulation" data-testid="simulation">
      <p className="muted small">
        {result.runs.toLocaleString()} runs (seed {result.seed}) over {result.totalVolume.toLocaleString()} items from {result.start}. Bars: the mean; whiskers: 90 % of the runs (p5 to p95).
      </p>
      <div className="three-columns">
        <section aria-labelledby="sim-weeks">
          <h4 id="sim-weeks">Weeks to finish</h4>
          <Chart label={`Weeks to finish per mix: ${words(weeks, 1)}`} option={intervalBars(names, weeks, 'weeks', 1)} height={260} />
        </section>
        <section aria-labelledby="sim-cost">
          <div className="row space">
            <h4 id="sim-cost">Cost</h4>
            {currencies.length > 1 && (
              <label className="inline small">
                in
                <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
                  {currencies.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <Chart label={`Cost in ${currency} per mix: ${words(costs, 0)}`} option={intervalBars(names, costs, currency, 0)} height={260} />
        </section>
        <section aria-labelledby="sim-accuracy">
          <h4 id="sim-accuracy">Label accuracy</h4>
          <Chart label={`Expected label accuracy per mix: ${words(accuracy, 3)}`} option={intervalBars(names, accuracy, '', 3, { max: 1 })} height={260} />
        </section>
      </div>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Mix</th>
            <th scope="col" className="num">Finished</th>
            <th scope="col" className="num">Weeks (p5–p95)</th>
            <th scope="col">Done by (p50)</th>
            {currencies.map((c) => (
              <th key={c} scope="col" className="num">
                Cost {c}
              </th>
            ))}
            <th scope="col" className="num">Accuracy</th>
          </tr>
        </thead>
        <tbody>
          {result.mixes.map((m, i) => (
            <tr key={m.name}>
              <th scope="row" title={m.description}>
                {names[i]}
              </th>
              <td className="num">{Math.round(m.finishedShare * 100)} %</td>
              <td className="num">{range(m.completionWeeks, 1)}</td>
              <td>{m.completionDate?.p50 ?? '—'}</td>
              {currencies.map((c) => (
                <td key={c} className="num">
                  {range(m.cost[c] ?? null, 0)}
                </td>
              ))}
              <td className="num">{range(m.accuracy, 3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.figures && (
        <details>
          <summary>Where each pool's figures came from</summary>
          <ul>
            {result.figures.map((f) => (
              <li key={f.key}>
                <strong>{f.key}</strong>:{' '}
                {Object.entries(f.sources)
                  .map(([k, v]) => `${k.replaceAll('_', ' ')} ${v === 'entered' ? 'as entered' : v === 'pool' ? "from the pool's settings" : `measured (${v})`}`)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
