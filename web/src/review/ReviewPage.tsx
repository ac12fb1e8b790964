/** /review/:projectId — items waiting for review, oldest first; one item at a time. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { projectQuery, reviewQueueQuery } from '../api/queries.ts';
import { Empty, ErrorNote, Loading } from '../ui/feedback.tsx';
import { authorsOf } from './annotation-author.ts';
import { ReviewItem } from './ReviewItem.tsx';
import { neighbourItem } from './review-keys.ts';

export default function ReviewPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  const queue = useQuery(reviewQueueQuery(projectId));
  const [pickedId, setPickedId] = useState<number | null>(null);
  if (queue.isPending || project.isPending) return <Loading what="the review queue" />;
  if (queue.isError) return <main className="page"><ErrorNote error={queue.error} /></main>;
  if (project.isError) return <main className="page"><ErrorNote error={project.error} /></main>;
  const entries = queue.data.items;
  if (entries.length === 0) {
    return (
      <main className="page narrow">
        <Empty>
          <h1>Nothing to review</h1>
          <p>
            {queue.data.cutShort
              ? `Of the first items of ${project.data.name} waiting for review, none is within your pools' limits (clearance, region, language); more may wait further on.`
              : `No item of ${project.data.name} waits for review.`}{' '}
            Items come here once their labels are in, as the project's QA policy samples them (by pool, or by a routing rule). <Link to="/review">Other projects</Link>
          </p>
        </Empty>
      </main>
    );
  }
  const entry = entries.find((e) => e.item.id === pickedId) ?? entries[0]!;
  return (
    <div className="review-layout" data-testid="review">
      <nav className="review-queue" aria-label="Items waiting for review">
        <h1 className="small-title">
          {project.data.name} <span className="muted">· {entries.length}{entries.length === 20 || queue.data.cutShort ? '+' : ''} waiting</span>
        </h1>
        <ul>
          {entries.map((e) => (
            <li key={e.item.id}>
              <button
                type="button"
                aria-current={e.item.id === entry.item.id ? 'true' : undefined}
                // J and K move through the queue: keep the current item in sight in the list.
                ref={e.item.id === entry.item.id ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
                onClick={() => setPickedId(e.item.id)}
              >
                {e.item.thumbnailUrl ? <img src={e.item.thumbnailUrl} alt="" width={56} height={42} loading="lazy" /> : <span className="thumb-text" aria-hidden="true">Aa</span>}
                <span>
                  {e.item.externalId ?? `item ${e.item.id}`}
                  <br />
                  <span className="muted small">{authorsOf(e)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <ReviewItem
        key={entry.item.id}
        project={project.data}
        entry={entry}
        onDone={() => setPickedId(null)}
        onStep={(step) => setPickedId(neighbourItem(entries.map((e) => e.item.id), entry.item.id, step))}
      />
    </div>
  );
}
