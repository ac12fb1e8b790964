/**
 * One annotation under review: who made it, what it marks (control titles as the label palette
 * shows them), and accept, correct or reject with a comment — with a refusal of the last decision
 * on it said here, beside the comment when there is one. The reviewer's own work is marked as
 * theirs, with nothing to decide: a correction they made stands, and an annotation of theirs is
 * another reviewer's to decide.
 */
import { useId, useState } from 'react';
import { controlTitle } from '../annotate/draft-problems.ts';
import type { Annotation, LabelSchema, ReviewDecision } from '../api/types.ts';
import { CommentField } from './CommentField.tsx';
import { reviewProblem } from './review-comment.ts';

interface Props {
  /** Its place on screen: the number key that chooses it. */
  index: number;
  /** The one the keys act on. */
  acting: boolean;
  rejecting: boolean;
  onRejecting(on: boolean): void;
  annotation: Annotation;
  schema: LabelSchema;
  name: string;
  color: string;
  decided: ReviewDecision | undefined;
  /** The reviewer's own correction or annotation: no review buttons. */
  own: 'correction' | 'annotation' | null;
  pending: boolean;
  /** Why the last decision on this annotation was refused, if it was. */
  error: unknown;
  onAccept(): void;
  onCorrect(): void;
  onReject(comment: string): void;
}

export function AnnotationCard({ index, acting, rejecting, onRejecting, annotation, schema, name, color, decided, own, pending, error, onAccept, onCorrect, onReject }: Props) {
  const [comment, setComment] = useState('');
  const id = useId();
  const problem = reviewProblem(error);
  const counts = new Map<string, number>();
  for (const r of annotation.result.regions) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  return (
    <li className={acting ? 'annotation-card acting' : 'annotation-card'} data-testid="annotation-card" aria-current={acting ? 'true' : undefined} style={{ ['--annotator-color' as string]: color }}>
      {index < 9 && (
        <kbd className="card-key" title={`Press ${index + 1} to choose this annotation`}>
          {index + 1}
        </kbd>
      )}
      <h2>
        <span className="swatch inline" aria-hidden="true" /> {name}
      </h2>
      <p className="muted small">
        {new Date(annotation.createdAt).toLocaleString()}
        {annotation.timeSpentMs !== null && <> · {(annotation.timeSpentMs / 1000).toFixed(1)} s spent</>} · schema v{annotation.schemaVersion}
      </p>
      <p>
        {[...counts].map(([label, n]) => (
          <span key={label} className="chip">
            {n} × {label}
          </span>
        ))}
        {schema.controls
          .filter((c) => annotation.result.choices[c.name]?.length)
          .map((c) => (
            <span key={c.name} className="chip">
              {controlTitle(c.name)}: {annotation.result.choices[c.name]!.join(', ')}
            </span>
          ))}
        {annotation.result.regions.length === 0 && Object.keys(annotation.result.choices).length === 0 && <span className="muted">Nothing marked.</span>}
      </p>
      {own ? (
        <p className="muted small" data-testid="own-work">
          {own === 'correction' ? (
            <>
              <span className="badge badge-correct">Your correction</span> It stands for the annotation you corrected; the item waits for the others.
            </>
          ) : (
            <>
              <span className="badge badge-correct">Your annotation</span> Another reviewer decides your own work.
            </>
          )}
        </p>
      ) : decided ? (
        <p className={`badge badge-${decided}`} role="status">
          {decided === 'accept' ? 'Accepted' : decided === 'correct' ? 'Corrected' : 'Rejected'}
        </p>
      ) : rejecting ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) onReject(comment);
          }}
        >
          <CommentField
            id={`${id}-comment`}
            label={<>What should {name} do differently?</>}
            value={comment}
            onChange={setComment}
            rows={3}
            required
            autoFocus
            problem={problem}
          />
          <div className="row">
            <button type="submit" className="danger" disabled={pending || !comment.trim()}>
              Reject with this comment
            </button>
            <button type="button" onClick={() => onRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          {problem && (
            <p className="field-error" role="alert">
              {problem.text}
            </p>
          )}
          <div className="row">
            <button type="button" className="primary" onClick={onAccept} disabled={pending}>
              Accept
            </button>
            <button type="button" onClick={onCorrect} disabled={pending}>
              Correct…
            </button>
            <button type="button" className="danger" onClick={() => onRejecting(true)} disabled={pending}>
              Reject…
            </button>
          </div>
        </>
      )}
    </li>
  );
}
