/**
 * Every figure of each pool in one table: volume, speed, turnaround, revision, gold, agreement, cost
 * and SLA. The cost twice, said which is which: the total the pool cost, and the cost per accepted
 * label that the chart above draws (a lone total under a chart of per-label figures read as 4.80 EUR
 * a label).
 */
import type { AnalyticsRow } from '../api/analytics-types.ts';
import { formatPrice, poolOf } from './analytics-charts.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
const hours = (h: number) => (h < 1 ? `${Math.round(h * 60)} min` : `${h.toFixed(1)} h`);

/** A cost figure in each currency the pool was paid in; a pool without a cost model says so. */
function costCell(r: AnalyticsRow, figure: (c: AnalyticsRow['cost'][number]) => string): string {
  if (r.cost.length === 0) return r.unpriced.length > 0 ? 'no cost model' : '—';
  return r.cost.map(figure).join(' + ');
}

export function PoolTable({ rows }: { rows: AnalyticsRow[] }) {
  return (
    <table className="table compact" data-testid="pool-figures">
      <thead>
        <tr>
          <th scope="col">Pool</th>
          <th scope="col" className="num">Labels</th>
          <th scope="col" className="num">Accepted</th>
          <th scope="col" className="num">Labels/hour</th>
          <th scope="col" className="num">Turnaround p50 / p90</th>
          <th scope="col" className="num">Revised in review</th>
          <th scope="col" className="num">Gold accuracy</th>
          <th scope="col" className="num" title="Mean agreement among the annotators of the items the pool labelled, regions included, as on the quality page">
            Agreement
          </th>
          <th scope="col" className="num" title="Everything the pool's work cost in the period: labelling, overlap, rework, review, gold, training, idle months">
            Total cost
          </th>
          <th scope="col" className="num" title="The total cost divided by the labels accepted, as the chart shows it">
            Cost per accepted label
          </th>
          <th scope="col">SLA</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={poolOf(r)}>
            <th scope="row">{poolOf(r)}</th>
            <td className="num">{r.labels.toLocaleString()}</td>
            <td className="num">{r.acceptedLabels.toLocaleString()}</td>
            <td className="num">{r.labelsPerHour === null ? '—' : r.labelsPerHour.toFixed(1)}</td>
            <td className="num">{r.turnaroundHours ? `${hours(r.turnaroundHours.p50)} / ${hours(r.turnaroundHours.p90)}` : '—'}</td>
            <td className="num">{r.revision ? `${pct(r.revision.rate)} of ${r.revision.reviewed}` : '—'}</td>
            <td className="num">{r.goldAccuracy ? `${pct(r.goldAccuracy.rate)} (${pct(r.goldAccuracy.low)}–${pct(r.goldAccuracy.high)})` : '—'}</td>
            <td className="num">{r.itemAgreement ? pct(r.itemAgreement.mean) : '—'}</td>
            <td className="num">{costCell(r, (c) => `${c.total.toFixed(2)} ${c.currency}`)}</td>
            <td className="num">{costCell(r, (c) => (c.perAcceptedLabel === null ? '—' : `${formatPrice(c.perAcceptedLabel)} ${c.currency}`))}</td>
            <td>{r.sla === null || r.sla.met === null ? '—' : r.sla.met ? <span className="badge badge-accept">met</span> : <span className="badge badge-reject">missed</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
