/**
 * Submissions under load go together: the ones that arrive in one turn of the event loop, or while a
 * batch of them is with the database, are stored by one statement (group commit). A lone submission
 * goes alone. When a batch fails as a whole, each of its submissions is tried alone, so one bad row
 * costs no other.
 */
import type { Annotation } from '../core/items.ts';
import { completeTaskWithAnnotation, type SubmittedWork } from '../store/annotations.ts';
import { completeTasksTogether } from '../store/annotations-together.ts';
import type { Db } from '../store/database.ts';
import { asError, type Coalescer, createCoalescer } from './coalesce.ts';

export type SubmitBatches = Coalescer<SubmittedWork, Annotation | null>;

/** The server's submission batches, on its pool of connections (never inside a caller's transaction). */
export function createSubmitBatches(db: Db, options: { maxBatch?: number } = {}): SubmitBatches {
  return createCoalescer({
    key: () => 'submit',
    // The same task twice (a retried request) goes in the next batch, where it finds the first one done.
    identity: (w) => w.taskId,
    one: (w) => completeTaskWithAnnotation(db, w),
    many: async (works) => {
      try {
        return await completeTasksTogether(db, works);
      } catch {
        return Promise.all(works.map((w) => completeTaskWithAnnotation(db, w).catch(asError)));
      }
    },
    maxBatch: options.maxBatch ?? 64,
  });
}
