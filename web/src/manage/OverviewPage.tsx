/** /projects/:id — counts by status, progress over time, who is working now, and the project's tools. */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { progressQuery, projectQuery, timelineQuery } from '../api/queries.ts';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { ProjectTabs } from './ProjectFrame.tsx';
import { everyDay } from './timeline.ts';

const ProgressChart = lazy(() => import('./ProgressChart.tsx'));

export default function OverviewPage() {
  const projectId = Number(useParams().projectId);
  const [days, setDays] = useState(30);
  const project = useQuery(projectQuery(projectId));
  const progress = useQuery(progressQuery(projectId));
  const timeline = useQuery(timelineQuery(projectId, days));
  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <main className="page"><ErrorNote error={project.error} /></main>;
  const p = project.data;
  const pr = progress.data;
  const percent = pr && pr.items > 0 ? Math.round((pr.itemsComplete / pr.items) * 100) : 0;
  return (
    <main className="page" data-testid="overview">
      <PageHeader title={p.name}>
        <Link className="button primary" to={`/projects/${projectId}/import`}>
          Import data
        </Link>
        <Link className="button" to={`/projects/${projectId}/schema`}>
          Labels (v{p.schemaVersion})
        </Link>
        <Link className="button" to={`/projects/${projectId}/guidelines`}>
          Guidelines (v{p.guidelinesVersion})
        </Link>
        <Link className="button" to={`/review/${projectId}`}>
          Review
        </Link>
        <Link className="button" to={`/work/${projectId}`}>
          Annotate
        </Link>
      </PageHeader>
      <ProjectTabs projectId={projectId} />
      {p.description && <p className="muted">{p.description}</p>}
      {progress.isError && <ErrorNote error={progress.error} />}
      {pr && (
        <>
          <dl className="stats" aria-label="Counts">
            <div>
              <dt>Items</dt>
              <dd data-testid="stat-items">{pr.items.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Complete</dt>
              <dd>
                {pr.itemsComplete.toLocaleString()} <span className="muted small">({percent} %)</span>
              </dd>
            </div>
            <div>
              <dt>Tasks queued</dt>
              <dd data-testid="stat-queued">{pr.tasks.queued.toLocaleString()}</dd>
            </div>
            <div>
              <dt>In progress</dt>
              <dd>{pr.tasks.leased.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Tasks done</dt>
              <dd>{pr.tasks.done.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Annotations</dt>
              <dd>{pr.annotations.toLocaleString()}</dd>
            </div>
          </dl>
          <progress className="wide-progress" max={Math.max(1, pr.items)} value={pr.itemsComplete} aria-label={`${percent} % of items complete`} />
        </>
      )}
      <div className="overview-grid">
        <section aria-labelledby="timeline-title" className="panel">
          <div className="row space">
            <h2 id="timeline-title">Progress over time</h2>
            <label>
              Period{' '}
              <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
                <option value={14}>14 days</option>
                <option value={30}>30 days</option>
                <option value={90}>90 days</option>
              </select>
            </label>
          </div>
          {timeline.isError && <ErrorNote error={timeline.error} />}
          {timeline.data && (
            <Suspense fallback={<Loading what="the chart" />}>
              <ProgressChart days={everyDay(timeline.data, days, new Date().toISOString().slice(0, 10))} />
            </Suspense>
          )}
        </section>
        <section aria-labelledby="who-title" className="panel">
          <h2 id="who-title">Working now</h2>
          {pr && pr.activeAnnotators.length === 0 && <p className="muted">Nobody holds a task of this project right now.</p>}
          {pr && pr.activeAnnotators.length > 0 && (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Who</th>
                  <th scope="col">Tasks held</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {pr.activeAnnotators.map((a) => (
                  <tr key={a.userId}>
                    <td>{a.name}</td>
                    <td>{a.tasks}</td>
                    <td>{new Date(a.since).toLocaleTimeString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Settings</h3>
          <dl className="facts">
            <div><dt>Data</dt><dd>{p.itemKind === 'image' ? 'Images' : 'Texts'}</dd></div>
            <div><dt>Annotators per item</dt><dd>{p.overlap}</dd></div>
            <div><dt>Lease</dt><dd>{Math.round(p.leaseSeconds / 60)} min</dd></div>
            <div><dt>Default sensitivity</dt><dd>{p.defaultSensitivity}</dd></div>
          </dl>
        </section>
      </div>
    </main>
  );
}
