/** Where a project's items stand: accepted, in review, with the experts, and their mean agreement. */
import type { Stages } from '../api/quality-types.ts';
import { reviewSplitWords } from '../ui/waiting-words.ts';
import { percent } from './quality-charts.ts';

const AGREEMENT_MEANS =
  "Mean over the settled items that two or more annotators labelled: how much of each item's answers agreed with its consensus, all questions together";

/** `stats`: the quality page's big figures; `stage-figures`: a project card's small ones, waiting work marked. */
export function StageFigures({ stages, className }: { stages: Stages; className: 'stats' | 'stage-figures' }) {
  const waiting = (n: number) => (n > 0 ? 'attention' : undefined);
  return (
    <dl className={className} aria-label="Where the items stand">
      <div>
        <dt>Accepted</dt>
        <dd>{stages.accepted.toLocaleString()}</dd>
      </div>
      <div className={waiting(stages.reviewWaiting ?? stages.review)}>
        <dt>In review</dt>
        <dd>{stages.review.toLocaleString()}</dd>
        {stages.review > 0 && stages.reviewWaiting !== null && (
          <dd className="figure-note" data-testid="review-split">
            {reviewSplitWords({ review: stages.review, reviewWaiting: stages.reviewWaiting, reviewElsewhere: stages.reviewElsewhere })}
          </dd>
        )}
      </div>
      <div className={waiting(stages.adjudication)}>
        <dt>With the experts</dt>
        <dd>{stages.adjudication.toLocaleString()}</dd>
      </div>
      <div>
        <dt title={AGREEMENT_MEANS}>Mean item agreement</dt>
        <dd>{percent(stages.meanAgreement)}</dd>
      </div>
    </dl>
  );
}
