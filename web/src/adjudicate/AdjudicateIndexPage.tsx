/** /adjudicate — for a pool's experts: the projects with items waiting for their final label. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { adjudicationQueueCountQuery } from '../api/quality-queries.ts';
import { queuesQuery } from '../api/queries.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { waitingWords } from '../ui/waiting-words.ts';

export default function AdjudicateIndexPage() {
  const queues = useQuery(queuesQuery);
  const projects = queues.data?.map((q) => q.project) ?? [];
  const waiting = useQueries({ queries: projects.map((p) => ({ ...adjudicationQueueCountQuery(p.id, 100), retry: false })) });
  return (
    <main className="page">
      <PageHeader title="Adjudicate" />
      <p className="muted">Items whose annotators disagreed, that failed a gold check or were rejected in review wait here for an expert's final label.</p>
      {queues.isPending && <Loading what="your projects" />}
      {queues.isError && <ErrorNote error={queues.error} />}
      {queues.data && projects.length === 0 && <Empty>No project is open to you.</Empty>}
      <ul className="cards">
        {projects.map((p, i) => {
          const w = waiting[i];
          return (
            <li key={p.id} className="card" data-testid="adjudicate-project">
              <h2>{p.name}</h2>
              {w?.isError ? (
                <ErrorNote error={w.error} />
              ) : (
                <p>{waitingWords(w?.data?.waiting, 100, 'adjudication', w?.data?.atLeast)}</p>
              )}
              <Link className="button primary" to={`/adjudicate/${p.id}`} aria-label={`Adjudicate ${p.name}`}>
                Adjudicate
              </Link>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
