/** A background job's state and progress in a line: a bar while it runs, the error in words when it failed. */
import type { Job } from '../api/data-types.ts';

export const STATUS_WORDS: Record<Job['status'], string> = { queued: 'Waiting', running: 'Running', done: 'Done', failed: 'Failed' };

export function JobProgress({ job }: { job: Job }) {
  const fraction = job.total ? Math.min(1, job.done / job.total) : null;
  return (
    <span className={`job-progress job-${job.status}`}>
      <span className="badge">{STATUS_WORDS[job.status]}</span>
      {job.status === 'running' && (
        <>
          {' '}
          <progress max={1} value={fraction ?? undefined} aria-label={`Job ${job.id}: ${fraction === null ? 'working' : `${Math.round(fraction * 100)} %`}`} />{' '}
          <span className="muted small">
            {job.phase ? `${job.phase} · ` : ''}
            {job.done.toLocaleString()}
            {job.total ? ` of ${job.total.toLocaleString()}` : ''}
          </span>
        </>
      )}
      {job.status === 'failed' && job.error && <span className="field-error"> {job.error.message}</span>}
    </span>
  );
}
