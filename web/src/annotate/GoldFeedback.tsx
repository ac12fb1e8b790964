/**
 * My accuracy on gold tasks, per project and week, with the 95 % interval: which tasks were gold is
 * never said, only how I did on them, and a day's checks come the next day (the server says why).
 */
import { useQuery } from '@tanstack/react-query';
import { myGoldQuery } from '../api/quality-queries.ts';
import { Chart } from '../charts/Chart.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function GoldFeedback() {
  const gold = useQuery(myGoldQuery);
  if (gold.isPending) return <Loading what="your gold accuracy" />;
  if (gold.isError) return <ErrorNote error={gold.error} />;
  const when = <p className="muted">A day’s checks are counted from the next day (UTC) on, all together, so that no single task can be told to be one.</p>;
  if (gold.data.length === 0) {
    return (
      <>
        <p className="muted">No check of your work against known answers yet.</p>
        {when}
      </>
    );
  }
  const weeks = [...new Set(gold.data.flatMap((p) => p.byWeek.map((w) => w.week)))].sort();
  return (
    <div data-testid="my-gold">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col" className="num">Checked</th>
            <th scope="col" className="num">Right</th>
            <th scope="col" className="num">Accuracy</th>
            <th scope="col" className="num">95 % interval</th>
          </tr>
        </thead>
        <tbody>
          {gold.data.map((p) => (
            <tr key={p.projectId}>
              <th scope="row">{p.projectName}</th>
              <td className="num">{p.answered}</td>
              <td className="num">{p.passed}</td>
              <td className="num">{pct(p.accuracy)}</td>
              <td className="num">
                {pct(p.low)} – {pct(p.high)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {when}
      {weeks.length > 1 && (
        <Chart
          label={`My gold accuracy by week: ${gold.data.map((p) => `${p.projectName}: ${p.byWeek.map((w) => `${w.week} ${pct(w.accuracy)}`).join(', ')}`).join('; ')}`}
          height={200}
          option={{
            grid: { left: 44, right: 16, top: 30, bottom: 28 },
            legend: { top: 0 },
            tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : pct(v)) },
            xAxis: { type: 'category', data: weeks },
            yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
            series: gold.data.map((p) => ({ name: p.projectName, type: 'line', connectNulls: true, data: weeks.map((w) => p.byWeek.find((b) => b.week === w)?.accuracy ?? null) })),
          }}
        />
      )}
    </div>
  );
}
