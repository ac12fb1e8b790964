/**
 * A label task sent back by review: the answer a reviewer rejected, and what they said. Read when
 * the task is claimed again, so that its annotator starts from that answer and is told why it came
 * back (a rejection reopens the same task: store/tasks.ts reopenTask).
 */
import type { AnnotationResult } from '../core/label-schema.ts';
import type { Db } from './database.ts';

export interface SentBack {
  annotationId: number;
  result: AnnotationResult;
  comment: string | null;
  reviewerName: string | null;
  reviewedAt: Date;
}

/**
 * The user's answer on the task when it is the task's latest and a reviewer rejected it; null
 * otherwise: a fresh task (one probe of the annotations' task index finds nothing), or rejected
 * work of someone else that the QA policy gave to another annotator, who starts afresh.
 */
export async function sentBackAnswer(db: Db, taskId: number, userId: number): Promise<SentBack | null> {
  const row = await db
    .selectFrom('annotations as a')
    .leftJoin('reviews as r', 'r.annotation_id', 'a.id')
    .leftJoin('users as u', 'u.id', 'r.reviewer_id')
    .select(['a.id', 'a.annotator_id', 'a.result', 'r.decision', 'r.comment', 'r.created_at as reviewed_at', 'u.name as reviewer_name'])
    .where('a.task_id', '=', taskId)
    .where('a.source', '=', 'human')
    .orderBy('a.id', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.annotator_id !== userId || row.decision !== 'reject' || !row.reviewed_at) return null;
  return {
    annotationId: row.id,
    result: row.result as AnnotationResult,
    comment: row.comment,
    reviewerName: row.reviewer_name,
    reviewedAt: row.reviewed_at,
  };
}
