/** /review — the projects whose work can be reviewed. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { projectsQuery } from '../api/queries.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';

export default function ReviewIndexPage() {
  const projects = useQuery(projectsQuery);
  const open = projects.data?.filter((p) => !p.archived) ?? [];
  return (
    <main className="page">
      <PageHeader title="Review" />
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorNote error={projects.error} />}
      {projects.data && open.length === 0 && <Empty>No project to review.</Empty>}
      <ul className="cards">
        {open.map((p) => (
          <li key={p.id} className="card">
            <h2>{p.name}</h2>
            <p className="muted">{p.description}</p>
            <p>
              <Link className="button primary" to={`/review/${p.id}`}>
                Review {p.name}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
