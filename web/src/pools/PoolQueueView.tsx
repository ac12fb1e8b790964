/**
 * The pool manager's view: what the pool has in hand per project, what was made in it in the last
 * seven days and by whom (members past and present), and who is paused and why.
 */
import { useQuery } from '@tanstack/react-query';
import { membersQuery, poolQueueQuery } from '../api/workforce-queries.ts';
import { Chart } from '../charts/Chart.tsx';
import { Empty, ErrorNote, Loading } from '../ui/feedback.tsx';

export function PoolQueueView({ poolId }: { poolId: number }) {
  const queue = useQuery(poolQueueQuery(poolId));
  const members = useQuery(membersQuery(poolId));
  if (queue.isPending) return <Loading what="the pool's work" />;
  if (queue.isError) return <ErrorNote error={queue.error} />;
  // The server counts the work made in the pool, whoever made it: a member who made nothing this
  // week shows with 0, and someone who made work here and left the pool since still counts.
  const memberIds = new Set((members.data ?? []).map((m) => m.userId));
  const output = (members.data ?? []).map((m) => {
    const made = queue.data.members.find((o) => o.userId === m.userId);
    return { userId: m.userId, name: m.name, role: m.role as string, annotations: made?.annotations ?? 0, activeHours: made?.activeHours ?? 0 };
  });
  for (const o of queue.data.members) if (!memberIds.has(o.userId)) output.push({ userId: o.userId, name: o.name, role: 'not a member', annotations: o.annotations, activeHours: o.activeHours });
  const paused = (members.data ?? []).filter((m) => m.paused);
  const totals = queue.data.projects.reduce((t, p) => ({ queued: t.queued + p.queued, leased: t.leased + p.leased, done: t.done + p.done }), { queued: 0, leased: 0, done: 0 });
  return (
    <div className="pool-queue" data-testid="pool-queue">
      <dl className="stats" aria-label="In hand">
        <div>
          <dt>Waiting</dt>
          <dd>{totals.queued.toLocaleString()}</dd>
        </div>
        <div>
          <dt>In progress</dt>
          <dd>{totals.leased.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Done</dt>
          <dd>{totals.done.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Made in 7 days</dt>
          <dd>{output.reduce((s, o) => s + o.annotations, 0).toLocaleString()}</dd>
        </div>
      </dl>
      <div className="two-columns">
        <section aria-labelledby="pool-projects-title">
          <h3 id="pool-projects-title">Per project</h3>
          {queue.data.projects.length === 0 ? (
            <Empty>Nothing routed to this pool.</Empty>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">For experts</th>
                  <th scope="col">In progress</th>
                  <th scope="col">Done</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.projects.map((p) => (
                  <tr key={p.projectId}>
                    <th scope="row">{p.projectName}</th>
                    <td>{p.queued}</td>
                    <td>{p.expertQueued}</td>
                    <td>{p.leased}</td>
                    <td>{p.done}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="pool-output-title">
          <h3 id="pool-output-title">What was made in the pool in 7 days, by whom</h3>
          {output.length > 0 && (
            <Chart
              label={`Annotations made in the pool over the last 7 days, per person: ${output.map((o) => `${o.name} ${o.annotations}`).join(', ')}`}
              height={Math.max(120, output.length * 34 + 40)}
              option={{
                grid: { left: 150, right: 30, top: 10, bottom: 24 },
                tooltip: { trigger: 'axis' },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', data: output.map((o) => o.name), inverse: true },
                series: [{ name: 'Annotations', type: 'bar', data: output.map((o) => o.annotations), itemStyle: { color: '#6c8ebf' }, label: { show: true, position: 'right' } }],
              }}
              table={
                <table className="table compact">
                  <thead>
                    <tr>
                      <th scope="col">Who</th>
                      <th scope="col">Role</th>
                      <th scope="col">Annotations</th>
                      <th scope="col">Active hours</th>
                    </tr>
                  </thead>
                  <tbody>
                    {output.map((o) => (
                      <tr key={o.userId}>
                        <th scope="row">{o.name}</th>
                        <td>{o.role}</td>
                        <td>{o.annotations}</td>
                        <td>{o.activeHours.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          )}
        </section>
      </div>
      <section aria-labelledby="pool-paused-title">
        <h3 id="pool-paused-title">Paused</h3>
        {paused.length === 0 ? (
          <p className="muted">Nobody is paused.</p>
        ) : (
          <ul className="paused-list">
            {paused.map((m) => (
              <li key={m.userId}>
                <strong>{m.name}</strong>: {m.pausedReason ?? 'no reason given'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
