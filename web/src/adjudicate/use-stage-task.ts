/**
 * Holding one task of a later stage (adjudication, review) for the screen that works on it: it is
 * claimed when the screen opens or asks for the next, and given back if the screen is left
 * without submitting it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { NextTask } from '../api/types.ts';
import { releaseTask } from '../annotate/work-api.ts';

export type StageTaskState = { phase: 'loading' } | { phase: 'empty' } | { phase: 'failed'; error: unknown } | { phase: 'working'; next: NextTask };

export class WrongStageError extends Error {}

export function useStageTask(projectId: number, stage: 'adjudicate' | 'review') {
  const [round, setRound] = useState(0);
  const [state, setState] = useState<StageTaskState>({ phase: 'loading' });
  const held = useRef<number | null>(null);
  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    api<NextTask | null>('POST', `/api/v1/projects/${projectId}/tasks/next`, { stage })
      .then(async (next) => {
        if (!next) return live && setState({ phase: 'empty' });
        if (next.task.stage !== stage) {
          // A server that ignores the stage hands out labelling work: give it back rather than adjudicate a label task.
          await releaseTask(next.task.id);
          throw new WrongStageError(`the server gave a ${next.task.stage} task where a ${stage} task was asked for: its task route does not take the stage yet, so ${stage} work cannot be taken from this screen`);
        }
        held.current = next.task.id;
        if (live) setState({ phase: 'working', next });
        else void releaseTask(next.task.id);
      })
      .catch((error: unknown) => live && setState({ phase: 'failed', error }));
    return () => {
      live = false;
      if (held.current !== null) void releaseTask(held.current);
      held.current = null;
    };
  }, [projectId, stage, round]);
  /** The task was submitted: nothing to give back; take the next one. */
  const next = useCallback(() => {
    held.current = null;
    // Gone from the screen at once, not when the effect runs: a key pressed in between went to the
    // item just submitted, whose keys are off.
    setState({ phase: 'loading' });
    setRound((r) => r + 1);
  }, []);
  return { state, next };
}
