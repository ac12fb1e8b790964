/** /review — the projects whose work can be reviewed, with how much waits in each. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { projectsQuery, reviewQueueCountQuery } from '../api/queries.ts';
import { waitingWords } from '../ui/waiting-words.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';

export default function ReviewIndexPage() {
  const projects = useQuery(projectsQuery);
  const open = projects.data?.filter((p) => !p.archived) ?? [];
  const waiting = useQueries({ queries: open.map((p) => ({ ...reviewQueueCountQuery(p.id, 100), retry: false })) });
  return (
    <main className="page">
      <PageHeader title="Review" />
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorNote error={projects.error} />}
      {projects.data && open.length === 0 && <Empty>No project to review.</Empty>}
      <ul className="cards">
        {open.map((p, i) => (
          <li key={p.id} className="card" data-testid="review-project">
            <h2>{p.name}</h2>
            <p className="muted">{p.description}</p>
            {!waiting[i]?.isError && <p>{waitingWords(waiting[i]?.data?.waiting, 100, 'review', waiting[i]?.data?.atLeast)}</p>}
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
