/** /feedback — my accuracy on gold tasks, and what review said of my work: rejections with their comments, corrections, acceptances. */
import { useQuery } from '@tanstack/react-query';
import { feedbackQuery } from '../api/queries.ts';
import type { ReviewDecision } from '../api/types.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { GoldFeedback } from './GoldFeedback.tsx';

const DECISION_WORDS: Record<ReviewDecision, string> = { accept: 'Accepted', correct: 'Corrected', reject: 'Sent back' };

export default function FeedbackPage() {
  const feedback = useQuery(feedbackQuery);
  return (
    <main className="page">
      <PageHeader title="Feedback on my work" />
      <section aria-labelledby="gold-title" className="panel">
        <h2 id="gold-title">My accuracy on checked tasks</h2>
        <GoldFeedback />
      </section>
      <h2>What review said</h2>
      {feedback.isPending && <Loading what="your feedback" />}
      {feedback.isError && <ErrorNote error={feedback.error} />}
      {feedback.data && feedback.data.length === 0 && <Empty>No review of your work yet.</Empty>}
      {feedback.data && feedback.data.length > 0 && (
        <ul className="feedback-list">
          {feedback.data.map(({ review, projectName, item }) => (
            <li key={review.id} className={`feedback decision-${review.decision}`} data-testid="feedback-entry">
              {item.thumbnailUrl ? <img src={item.thumbnailUrl} alt="" width={96} height={72} loading="lazy" /> : <div className="thumb-text" aria-hidden="true">Aa</div>}
              <div>
                <p>
                  <span className={`badge badge-${review.decision}`}>{DECISION_WORDS[review.decision]}</span> <strong>{projectName}</strong> ·{' '}
                  {item.externalId ?? `item ${item.id}`}
                </p>
                {review.comment ? <blockquote className="comment">{review.comment}</blockquote> : <p className="muted">No comment.</p>}
                <p className="muted small">
                  {review.reviewerName ?? 'A reviewer'} · <time dateTime={review.createdAt}>{new Date(review.createdAt).toLocaleString()}</time>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
