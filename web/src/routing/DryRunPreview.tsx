/** What a policy would do to the project's items, per pool (bars beside the policy in force) and per rule. */
import type { DryRun } from '../api/workforce-types.ts';
import { Chart } from '../charts/Chart.tsx';

export function DryRunPreview({ proposed, inForce }: { proposed: DryRun; inForce: DryRun | null }) {
  const pools = [...new Set([...proposed.byPool.map((p) => p.pool), ...(inForce?.byPool.map((p) => p.pool) ?? [])])];
  const itemsOf = (run: DryRun | null, pool: string) => run?.byPool.find((p) => p.pool === pool)?.items ?? 0;
  const unroutedCategory = 'unrouted';
  const categories = [...pools, unroutedCategory];
  const series = [
    ...(inForce
      ? [{ name: 'In force', type: 'bar', data: [...pools.map((p) => itemsOf(inForce, p)), inForce.unrouted], itemStyle: { color: '#aab3c2' }, label: { show: true, position: 'top' } }]
      : []),
    { name: 'Proposed', type: 'bar', data: [...pools.map((p) => itemsOf(proposed, p)), proposed.unrouted], itemStyle: { color: '#1f5fa8' }, label: { show: true, position: 'top' } },
  ];
  const words = pools.map((p) => `${p}: ${inForce ? `${itemsOf(inForce, p)} now, ` : ''}${itemsOf(proposed, p)} proposed`).join('; ');
  return (
    <div className="dry-run" data-testid="dry-run">
      <p>
        Of <strong>{proposed.items.toLocaleString()}</strong> items, <strong>{(proposed.items - proposed.unrouted).toLocaleString()}</strong> would be routed and{' '}
        <strong>{proposed.unrouted.toLocaleString()}</strong> left unrouted (no rule matches, or the hard limits keep every pool of the rule away).
      </p>
      <Chart
        label={`Items per pool under the proposed policy${inForce ? ' beside the policy in force' : ''}: ${words}; unrouted ${proposed.unrouted}`}
        height={240}
        option={{
          grid: { left: 48, right: 16, top: 36, bottom: 28 },
          legend: { top: 0 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: categories },
          yAxis: { type: 'value', name: 'items', minInterval: 1 },
          series,
        }}
      />
      <table className="table compact">
        <caption>Per pool</caption>
        <thead>
          <tr>
            <th scope="col">Pool</th>
            {inForce && <th scope="col" className="num">Items now</th>}
            <th scope="col" className="num">Items</th>
            <th scope="col" className="num">Task slots</th>
            <th scope="col" className="num">For experts</th>
          </tr>
        </thead>
        <tbody>
          {pools.map((pool) => {
            const p = proposed.byPool.find((b) => b.pool === pool);
            return (
              <tr key={pool}>
                <th scope="row">{pool}</th>
                {inForce && <td className="num">{itemsOf(inForce, pool)}</td>}
                <td className="num">{p?.items ?? 0}</td>
                <td className="num">{p?.taskSlots ?? 0}</td>
                <td className="num">{p?.expertSlots ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="table compact">
        <caption>Per rule</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col" className="num">Items</th>
          </tr>
        </thead>
        <tbody>
          {proposed.byRule.map((r) => (
            <tr key={r.rule}>
              <th scope="row">{r.rule}</th>
              <td className="num">{r.items}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
