/**
 * The pipeline of one project's tasks for this page: claims one ahead, prepares its content (schema
 * version, model pre-annotations, the decoded image), keeps the leases of the held tasks alive while
 * the person is active, and gives back the task claimed ahead when the page is left.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { guidelinesVersionQuery, schemaVersionQuery } from '../api/queries.ts';
import type { Annotation, LabelSchema } from '../api/types.ts';
import { type PipelineState, TaskPipeline } from './task-pipeline.ts';
import { claimNext, predictionsOf, preloadImage, releaseTask, renewTask } from './work-api.ts';

export interface PreparedWork {
  schema: LabelSchema;
  predictions: Annotation[];
}

const IDLE: PipelineState<PreparedWork> = { phase: 'loading' };

/** `attempt` starts the pipeline again when it changes (after an onboarding step was done). */
export function useTaskPipeline(projectId: number, leaseSeconds: number, attempt = 0) {
  const queryClient = useQueryClient();
  const [pipeline, setPipeline] = useState<TaskPipeline<PreparedWork> | null>(null);

  useEffect(() => {
    const p = new TaskPipeline<PreparedWork>({
      claim: (holding) => claimNext(projectId, holding),
      release: releaseTask,
      async prepare(next) {
        const [schema, predictions] = await Promise.all([
          queryClient.ensureQueryData(schemaVersionQuery(projectId, next.schemaVersion)),
          predictionsOf(next.item.id).catch(() => []),
          next.item.kind === 'image' ? preloadImage(next.item.contentUrl) : Promise.resolve(),
          next.guidelinesVersion ? queryClient.prefetchQuery(guidelinesVersionQuery(projectId, next.guidelinesVersion)) : Promise.resolve(),
        ]);
        return { schema: schema.schema, predictions };
      },
    });
    setPipeline(p);
    void p.start();
    const leave = () => p.stop();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      p.stop();
    };
  }, [projectId, queryClient, attempt]);

  // Leases run out after `leaseSeconds`; they are renewed only while the person is active.
  useEffect(() => {
    if (!pipeline) return;
    let active = false;
    const mark = () => {
      active = true;
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, mark, { passive: true });
    const every = Math.max(10, Math.min(leaseSeconds / 3, 300)) * 1000;
    const timer = setInterval(() => {
      if (!active) return;
      active = false;
      for (const id of pipeline.held()) void renewTask(id).catch(() => undefined);
    }, every);
    return () => {
      clearInterval(timer);
      for (const e of events) window.removeEventListener(e, mark);
    };
  }, [pipeline, leaseSeconds]);

  const state = useSyncExternalStore(
    (cb) => pipeline?.subscribe(cb) ?? (() => undefined),
    () => pipeline?.getState() ?? IDLE,
  );
  return { pipeline, state };
}
