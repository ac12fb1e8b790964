/** The calls of the annotation loop. */
import { api } from '../api/client.ts';
import type { Annotation, AnnotationResult, NextTask } from '../api/types.ts';

export function claimNext(projectId: number, holding: number[]): Promise<NextTask | null> {
  return api<NextTask | null>('POST', `/api/v1/projects/${projectId}/tasks/next`, { holding });
}

export interface Submission {
  result: AnnotationResult;
  schemaVersion: number;
  timeSpentMs: number;
  clientToken: string;
}

export function submitAnnotation(taskId: number, submission: Submission): Promise<Annotation> {
  return api<Annotation>('POST', `/api/v1/tasks/${taskId}/annotations`, submission);
}

export function skipTask(taskId: number, reason: string | null): Promise<unknown> {
  return api('POST', `/api/v1/tasks/${taskId}/skip`, { reason });
}

/** Sent with keepalive so that it still goes when the page is being left. */
export async function releaseTask(taskId: number): Promise<void> {
  await fetch(`/api/v1/tasks/${taskId}/release`, { method: 'POST', credentials: 'same-origin', keepalive: true });
}

export function renewTask(taskId: number): Promise<{ leaseExpiresAt: string }> {
  return api('POST', `/api/v1/tasks/${taskId}/renew`);
}

export async function predictionsOf(itemId: number): Promise<Annotation[]> {
  return (await api<{ predictions: Annotation[] }>('GET', `/api/v1/items/${itemId}/predictions`)).predictions;
}

/** Fetches and decodes an image so that showing it later costs no network and no decoding. */
export async function preloadImage(url: string): Promise<void> {
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch {
    // The viewer will load it again and say what is wrong with it.
  }
}

/** Flags the item as an edge case: the server skips the task for me and sends the item up a tier. */
export function flagTask(taskId: number, reason: string | null): Promise<{ escalated: boolean; toPool: string | null }> {
  return api('POST', `/api/v1/tasks/${taskId}/flag`, { reason });
}

/** What is left for me in a queue: the tasks waiting and the ones I hold, which are not done either. */
export function leftIn(queue: { queued: number; myLeased: number }): number {
  return queue.queued + queue.myLeased;
}

/**
 * The counts once one task in hand is done (submitted, skipped or flagged): one fewer left. The task
 * taken ahead in its place moves from queued to held; with nothing queued to take, there is none,
 * and the held go down instead (taking one off queued only, the last task read "2 left").
 */
export function afterOneDone<Q extends { queued: number; myLeased: number }>(queue: Q): Q {
  return queue.queued > 0 ? { ...queue, queued: queue.queued - 1 } : { ...queue, myLeased: Math.max(0, queue.myLeased - 1) };
}
