/** /jobs — imports and exports running in the background, with their progress, newest first. */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { jobsQuery } from '../api/data-queries.ts';
import { projectsQuery } from '../api/queries.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { JobProgress } from './JobProgress.tsx';

export default function JobsPage() {
  const [params, setParams] = useSearchParams();
  const projectId = params.get('project') ? Number(params.get('project')) : null;
  const jobs = useQuery(jobsQuery(projectId));
  const projects = useQuery(projectsQuery);
  const nameOf = (id: number) => projects.data?.find((p) => p.id === id)?.name ?? `project ${id}`;
  return (
    <main className="page wide">
      <PageHeader title="Jobs">
        <label className="inline">
          Project
          <select value={projectId ?? ''} onChange={(e) => setParams(e.target.value ? { project: e.target.value } : {})}>
            <option value="">all</option>
            {projects.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </PageHeader>
      {jobs.isPending && <Loading what="jobs" />}
      {jobs.isError && <ErrorNote error={jobs.error} />}
      {jobs.data?.length === 0 && <Empty>No import or export has run yet.</Empty>}
      {jobs.data && jobs.data.length > 0 && (
        <table className="table" data-testid="jobs">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Project</th>
              <th scope="col">Kind</th>
              <th scope="col">Format</th>
              <th scope="col">State</th>
              <th scope="col">Started</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <tr key={j.id}>
                <td>#{j.id}</td>
                <td>
                  <Link to={`/projects/${j.projectId}/data`}>{nameOf(j.projectId)}</Link>
                </td>
                <td>{j.kind}</td>
                <td>{j.format ?? '—'}</td>
                <td>
                  <JobProgress job={j} />
                </td>
                <td>{new Date(j.startedAt ?? j.createdAt).toLocaleString()}</td>
                <td>{j.finishedAt ? new Date(j.finishedAt).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
