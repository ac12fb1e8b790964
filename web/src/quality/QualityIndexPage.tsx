/** /quality — the projects whose quality a reviewer or manager can look at. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { projectsQuery } from '../api/queries.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';

export default function QualityIndexPage() {
  const projects = useQuery(projectsQuery);
  return (
    <main className="page">
      <PageHeader title="Quality" />
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorNote error={projects.error} />}
      {projects.data?.length === 0 && <Empty>No project is open to you.</Empty>}
      <ul className="cards">
        {projects.data
          ?.filter((p) => !p.archived)
          .map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/quality/${p.id}`}>{p.name}</Link>
              </h2>
              <p className="muted small">{p.description}</p>
            </li>
          ))}
      </ul>
    </main>
  );
}
