/** /quality — the projects whose quality a reviewer or manager can look at, each with where its items stand. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { projectsQuery } from '../api/queries.ts';
import { stagesQuery } from '../api/quality-queries.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { StageFigures } from './StageFigures.tsx';

export default function QualityIndexPage() {
  const projects = useQuery(projectsQuery);
  const open = projects.data?.filter((p) => !p.archived) ?? [];
  const stages = useQueries({ queries: open.map((p) => ({ ...stagesQuery(p.id), retry: false })) });
  return (
    <main className="page">
      <PageHeader title="Quality" />
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorNote error={projects.error} />}
      {projects.data?.length === 0 && <Empty>No project is open to you.</Empty>}
      <ul className="cards">
        {open.map((p, i) => (
          <li key={p.id} className="card" data-testid="quality-project">
            <h2>
              <Link to={`/quality/${p.id}`}>{p.name}</Link>
            </h2>
            <p className="muted small">{p.description}</p>
            {stages[i]?.data && <StageFigures stages={stages[i].data} className="stage-figures" />}
          </li>
        ))}
      </ul>
    </main>
  );
}

