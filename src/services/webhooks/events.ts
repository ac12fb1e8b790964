/**
 * The events a project's webhooks can subscribe to, and the emitters of those that are not found
 * by scanning the work tables (see store/webhooks.ts). An emitter writes the deliveries in the
 * caller's transaction: the event is sent if and only if what it reports is committed.
 *
 *   task.completed    a label task was submitted        {taskId, annotationId, itemId, itemExternalId, annotatorId, completedAt}
 *   item.accepted     a reviewer accepted or corrected  {reviewId, itemId, itemExternalId, decision, annotationId, reviewedAnnotationId, annotatorId, reviewerId, acceptedAt}
 *   export.ready      an export file can be downloaded  {exportId, jobId, format, selection, items, annotations, bytes, downloadUrl}
 *   annotator.paused  quality control paused someone    {userId, poolId, reason, details, pausedAt}
 *   ping              sent by "test" to one webhook     {message}
 */
import type { Db } from '../../store/database.ts';
import { insertDeliveries } from '../../store/webhooks.ts';


export interface ExportReady {
  projectId: number;
  exportId: number;
  jobId: number;
  format: string;
  selection: string;
  items: number;
  annotations: number;
  bytes: number;
}

export function emitExportReady(db: Db, e: ExportReady): Promise<number> {
  const { projectId, ...data } = e;
  return insertDeliveries(db, {
    projectId,
    event: 'export.ready',
    eventKey: `export:${e.exportId}`,
    payload: { ...data, downloadUrl: `/api/v1/exports/${e.exportId}/download` },
  });
}

export interface AnnotatorPaused {
  projectId: number;
  userId: number;
  poolId: number | null;
  /** Why, in a sentence the pool's manager can act on ("gold accuracy 0.62 below 0.80 over 50 tasks"). */
  reason: string;
  details?: Record<string, unknown>;
  pausedAt: Date;
}

/** For the quality engine: call it in the transaction that pauses the annotator. */
export function emitAnnotatorPaused(db: Db, e: AnnotatorPaused): Promise<number> {
  return insertDeliveries(db, {
    projectId: e.projectId,
    event: 'annotator.paused',
    eventKey: `pause:${e.userId}:${e.pausedAt.toISOString()}`,
    payload: { userId: e.userId, poolId: e.poolId, reason: e.reason, details: e.details ?? {}, pausedAt: e.pausedAt.toISOString() },
  });
}
