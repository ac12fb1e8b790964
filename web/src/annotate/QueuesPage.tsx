/** /work — the projects and queues open to me, with how much is left and what I did. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { feedbackQuery, queuesQuery } from '../api/queries.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { useSignedInUser } from '../app/session.tsx';
import { PausedNotes, usePauseStanding } from './PausedNotes.tsx';
import { leftIn } from './work-api.ts';

export default function QueuesPage() {
  const me = useSignedInUser();
  const queues = useQuery(queuesQuery);
  // Paused, the counts are of the work the person may take now (none): not "nothing left".
  const pauses = usePauseStanding(me);
  const feedback = useQuery(feedbackQuery);
  const rejected = feedback.data?.filter((f) => f.review.decision === 'reject').length ?? 0;
  return (
    <main className="page">
      <PageHeader title="My work" />
      {rejected > 0 && (
        <p className="note note-info">
          {rejected === 1 ? 'One of your annotations was' : `${rejected} of your annotations were`} sent back by review.{' '}
          <Link to="/feedback">Read the comments</Link>.
        </p>
      )}
      <PausedNotes standing={pauses} />
      {queues.isPending && <Loading what="your queues" />}
      {queues.isError && <ErrorNote error={queues.error} />}
      {queues.data && queues.data.length === 0 && <Empty>No project is open to you yet. A manager adds you to projects.</Empty>}
      {queues.data && queues.data.length > 0 && (
        <ul className="cards">
          {queues.data.map((q) => {
            const total = q.queued + q.myDone + q.myLeased;
            return (
              <li key={q.project.id} className="card">
                <h2>{q.project.name}</h2>
                <p className="muted">{q.project.description}</p>
                <p>
                  {pauses.blocked ? <strong>Paused</strong> : <><strong>{leftIn(q).toLocaleString()}{q.queuedCapped ? '+' : ''}</strong> left</>} · {q.myDone.toLocaleString()} done by me
                  {q.myLeased > 0 && <> · {q.myLeased} in progress</>}
                </p>
                {total > 0 && <progress max={total} value={q.myDone} aria-label={`${q.project.name}: ${q.myDone} of ${total} done by me`} />}
                <p>
                  {q.queued + q.myLeased > 0 ? (
                    <Link className="button primary" to={`/work/${q.project.id}`}>
                      {q.myLeased > 0 ? 'Continue' : 'Start'} {q.project.itemKind === 'image' ? 'labeling images' : 'labeling texts'}
                    </Link>
                  ) : (
                    <span className="muted">{pauses.blocked ? 'No work is offered to you while you are paused.' : 'Nothing left for you here.'}</span>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
