/** The line under the canvas: what is going on, what went wrong, and what was just done. */
import { ErrorNote } from '../ui/feedback.tsx';

export type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'error'; title: string; error: unknown; leaseLost: boolean }
  /** A submit was held back: its problems are read from the draft as it is now, so they go once mended. */
  | { kind: 'invalid' }
  /** Something done that left the screen (a flagged item): said until the next action. */
  | { kind: 'done'; text: string };

interface Props {
  status: Status;
  /** The problems of the draft on screen, for `invalid`. */
  problems: string[];
  onMoveOn(): void;
  prediction: string | null;
  fromStored: boolean;
}

export function StatusLine({ status, problems, onMoveOn, prediction, fromStored }: Props) {
  const calm = status.kind === 'idle' || status.kind === 'done' || (status.kind === 'invalid' && problems.length === 0);
  return (
    <div className="status-line" role="status" aria-live="polite">
      {status.kind === 'busy' && <span>{status.what}</span>}
      {status.kind === 'invalid' && problems.length > 0 && (
        <div className="note note-warn" role="alert">
          Not submitted yet: {problems.join('; ')}.
        </div>
      )}
      {status.kind === 'error' && (
        <div>
          <ErrorNote title={status.title} error={status.error} />
          {status.leaseLost && (
            <button type="button" className="primary" onClick={onMoveOn}>
              Take the next task
            </button>
          )}
        </div>
      )}
      {status.kind === 'done' && <span>{status.text} </span>}
      {calm && prediction && !fromStored && <span className="muted">Pre-annotated by {prediction}: check, correct or delete what it found.</span>}
      {calm && fromStored && <span className="muted">Your draft of this task was restored.</span>}
    </div>
  );
}
