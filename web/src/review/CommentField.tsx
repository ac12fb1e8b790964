/**
 * The comment of a review, with the server's length limit enforced as it is typed or pasted, a
 * counter near that limit, and a refused review said beside the field (see review-comment.ts).
 */
import type { ReactNode } from 'react';
import { commentCount, REVIEW_COMMENT_MAX, type ReviewProblem } from './review-comment.ts';

interface Props {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  rows: number;
  required?: boolean;
  autoFocus?: boolean;
  problem: ReviewProblem | null;
}

export function CommentField({ id, label, value, onChange, rows, required, autoFocus, problem }: Props) {
  const count = commentCount(value.length);
  const describedBy = [count && `${id}-count`, problem && `${id}-problem`].filter(Boolean).join(' ');
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        required={required}
        rows={rows}
        value={value}
        maxLength={REVIEW_COMMENT_MAX}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
        aria-invalid={problem?.onComment ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {count && (
        <div id={`${id}-count`} className="hint">
          {count}
        </div>
      )}
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem.text}
        </p>
      )}
    </>
  );
}
