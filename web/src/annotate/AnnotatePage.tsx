/** /work/:projectId — the annotate screen of one project's queue. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/errors.ts';
import { AcknowledgeGuidelines } from './AcknowledgeGuidelines.tsx';
import { Link, Navigate, useParams } from 'react-router';
import { projectQuery, queuesQuery } from '../api/queries.ts';
import { useSignedInUser } from '../app/session.tsx';
import { Empty, ErrorNote, Loading } from '../ui/feedback.tsx';
import { PausedNotes, usePauseStanding } from './PausedNotes.tsx';
import { useTaskPipeline } from './use-task-pipeline.ts';
import { Workbench } from './Workbench.tsx';
import { afterOneDone, leftIn } from './work-api.ts';

export default function AnnotatePage() {
  const projectId = Number(useParams().projectId);
  const me = useSignedInUser();
  const project = useQuery(projectQuery(projectId));
  const queues = useQuery({ ...queuesQuery, refetchInterval: 60_000 });
  const queryClient = useQueryClient();
  const [attempt, setAttempt] = useState(0);
  const { pipeline, state } = useTaskPipeline(projectId, project.data?.leaseSeconds ?? 600, attempt);
  // An empty queue of a paused member is the pause, not the end of the work: said as such.
  const pauses = usePauseStanding(me);
  const queue = queues.data?.find((q) => q.project.id === projectId);
  const taskId = state.phase === 'working' ? state.current.next.task.id : null;

  const previousTask = useRef<number | null>(null);
  useEffect(() => {
    // The count of what is left follows the work without a request per task: each task done leaves
    // it (see afterOneDone); the real count comes back with the next refetch.
    const previous = previousTask.current;
    previousTask.current = taskId;
    if (taskId === null || previous === taskId) return;
    // The first task and the one taken ahead were claimed as the page opened: count again once.
    if (previous === null) return void queryClient.invalidateQueries({ queryKey: queuesQuery.queryKey });
    queryClient.setQueryData(queuesQuery.queryKey, (queues) =>
      queues?.map((q) => (q.project.id === projectId ? afterOneDone(q) : q)),
    );
  }, [taskId, projectId, queryClient]);

  if (project.isError) return <main className="page"><ErrorNote error={project.error} /></main>;
  if (state.phase === 'failed' && state.error instanceof ApiError && state.error.code === 'onboarding_required') {
    const details = state.error.details as { step?: string; version?: number } | undefined;
    if (details?.step === 'guidelines' && details.version) {
      return <AcknowledgeGuidelines projectId={projectId} version={details.version} onDone={() => setAttempt((a) => a + 1)} />;
    }
    if (details?.step === 'qualification') return <Navigate to={`/work/${projectId}/qualification`} replace />;
  }
  if (state.phase === 'failed') return <main className="page"><ErrorNote title="No task could be taken." error={state.error} /></main>;
  if (state.phase === 'empty' && pauses.loading) return <Loading what="your pools" />;
  if (state.phase === 'empty' && pauses.blocked) {
    return (
      <main className="page narrow">
        <Empty>
          <h1>You are paused</h1>
          <PausedNotes standing={pauses} />
          <p>
            <Link to="/work">Back to my work</Link> · <Link to="/feedback">See the feedback on my work</Link>
          </p>
        </Empty>
      </main>
    );
  }
  if (state.phase === 'empty') {
    return (
      <main className="page narrow">
        <Empty>
          <h1>All done here</h1>
          <p>There is nothing left for you in {project.data?.name ?? 'this project'} right now.</p>
          <PausedNotes standing={pauses} />
          <p className="muted">
            Work you labelled or skipped is not offered to you again, and what is left of the project, if anything, is for other pools or
            needs a clearance, region or language your pools do not have.
          </p>
          <p>
            <Link to="/work">Back to my work</Link> · <Link to="/feedback">See the feedback on my work</Link>
          </p>
        </Empty>
      </main>
    );
  }
  if (state.phase === 'loading' || !project.data || !pipeline) return <Loading what="your next task" />;
  return (
    <Workbench
      project={project.data}
      me={me}
      pipeline={pipeline}
      current={state.current}
      upcoming={state.upcoming}
      left={queue ? leftIn(queue) : null}
    />
  );
}
