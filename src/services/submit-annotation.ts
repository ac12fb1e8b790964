import { DomainError, notFound, validationFailed } from '../core/errors.ts';
import type { Annotation } from '../core/items.ts';
import { type AnnotationResult, isEmptyResult, validateAnnotationResult } from '../core/label-schema.ts';
import type { Task } from '../core/tasks.ts';
import type { Actor } from '../core/users.ts';
import { completeTaskWithAnnotation, findAnnotation, findCurrentTaskAnnotation, insertAnnotation, type SubmittedWork } from '../store/annotations.ts';
import type { Db } from '../store/database.ts';
import { findTaskWithItemFacts, type TaskWithItemFacts } from '../store/tasks.ts';
import { requireCapability } from './authenticate.ts';
import { auditAnnotation } from './audit/record.ts';
import { mayOpenProject } from './project-access.ts';
import { poolById, redactionFor, resultsForPool } from './privacy/pool-results.ts';
import { mapSubmittedResult, type PoolText } from './privacy/text-for-pool.ts';
import type { SubmitBatches } from './submit-together.ts';
import type { WorkCache } from './work-cache.ts';

export interface SubmitAnnotationInput {
  actor: Actor;
  taskId: number;
  result: AnnotationResult;
  /** The schema version the annotator worked under (the one in force at the claim when left out). */
  schemaVersion?: number;
  timeSpentMs?: number | null;
  /** A key chosen by the client: sending the same submission twice stores it once. */
  clientToken?: string | null;
  /** Set to the id of the actor's latest annotation of this task to correct it. */
  supersedes?: number | null;
}

export interface SubmittedAnnotation {
  annotation: Annotation;
  /** True when this was a repeat of a submission already stored (same client token). */
  replayed: boolean;
  /** The annotation as the submitter may see it: on the redacted text when their pool saw that. */
  shown: Annotation;
}

/** The submission on the original text, when the submitter's pool saw the text redacted. */
function onOriginal(result: AnnotationResult, poolText: PoolText | null, text: string | null): AnnotationResult {
  return poolText && text !== null ? mapSubmittedResult(result, poolText, text) : result;
}

function answer(annotation: Annotation, replayed: boolean, poolText: PoolText | null): SubmittedAnnotation {
  return { annotation, replayed, shown: resultsForPool([annotation], poolText)[0]! };
}

/** Who submits and from where, for the audit event the submit statement writes. */
function auditOf(input: SubmitAnnotationInput): { actorEmail: string; sourceIp: string | null } {
  return { actorEmail: input.actor.user.email, sourceIp: input.actor.sourceIp ?? null };
}

const LEASE_LOST = 'your lease on this task ran out and another annotator took it; your draft is kept, take the next task';
const NOT_YOURS = 'this task is not yours: another annotator holds it (if it was yours, your lease ran out and they took it); your draft is kept, take the next task';

/**
 * Stores an annotation of a task the actor holds and finishes the task, or records a correction of
 * the actor's earlier annotation. The result is validated against the schema version it was made
 * under and the item it was made on. With the server's `batches`, the submissions that arrive
 * together are stored together (never inside a transaction).
 */
export async function submitAnnotation(db: Db, input: SubmitAnnotationInput, cache: WorkCache, batches?: SubmitBatches): Promise<SubmittedAnnotation> {
  requireCapability(input.actor, 'annotate', `annotating is not allowed for the ${input.actor.user.role} role`);

  // The common case: this server handed the task out, so the item's facts are known and finishing
  // the task is one statement, which itself checks that the task is still the annotator's.
  // An empty result takes the way through the database, which knows the task's stage: it may be an
  // adjudication, which must give an answer (rare enough to cost nothing on the hot path).
  const claimed = isEmptyResult(input.result) ? undefined : cache.claim(input.taskId);
  if (claimed && claimed.assigneeId === input.actor.user.id && input.supersedes == null) {
    const schemaVersion = input.schemaVersion ?? claimed.schemaVersion;
    if (schemaVersion >= 1 && schemaVersion <= claimed.schemaVersion) {
      const schema = await cache.schema(db, claimed.projectId, schemaVersion);
      // A pool that saw the text redacted made its spans on that text: they go onto the original.
      const text = claimed.item.text ?? null;
      const poolId = claimed.poolId;
      const pool = text === null || poolId === null ? null : await cache.setting(`pool:${poolId}`, () => poolById(db, poolId));
      const poolText = await redactionFor(db, { projectId: claimed.projectId, itemId: claimed.itemId, text, poolId }, pool);
      const result = validateAnnotationResult(onOriginal(input.result, poolText, text), schema, claimed.item);
      const work: SubmittedWork = {
        projectId: claimed.projectId,
        taskId: input.taskId,
        userId: input.actor.user.id,
        schemaVersion,
        guidelinesVersion: claimed.guidelinesVersion,
        result,
        timeSpentMs: input.timeSpentMs ?? null,
        clientToken: input.clientToken ?? null,
        audit: auditOf(input),
      };
      const annotation = batches && !db.isTransaction ? await batches.run(work) : await completeTaskWithAnnotation(db, work);
      if (annotation) {
        cache.forgetClaim(input.taskId);
        return answer(annotation, false, poolText);
      }
    }
  }
  return submitFromDatabase(db, input, cache);
}

async function submitFromDatabase(db: Db, input: SubmitAnnotationInput, cache: WorkCache): Promise<SubmittedAnnotation> {
  const userId = input.actor.user.id;
  const facts = await findTaskWithItemFacts(db, input.taskId);
  if (!facts) throw notFound('task', input.taskId);
  const { task } = facts;
  if (task.assigneeId !== userId) throw await notHolding(db, input.actor, task, cache);

  const schemaVersion = input.schemaVersion ?? facts.currentSchemaVersion;
  if (schemaVersion < 1 || schemaVersion > facts.currentSchemaVersion) {
    throw new DomainError('validation_failed', `schema version ${schemaVersion} does not exist`, {
      issues: [{ path: 'schemaVersion', message: 'unknown version' }],
    });
  }
  const schema = await cache.schema(db, task.projectId, schemaVersion);
  const poolText = await redactionFor(db, { projectId: task.projectId, itemId: task.itemId, text: facts.item.text, poolId: task.poolId });
  const result = validateAnnotationResult(onOriginal(input.result, poolText, facts.item.text), schema, facts.item);
  requireFinalLabel(task.stage, result);

  if (task.status === 'done') return correct(db, input, facts, schemaVersion, result, poolText);
  if (task.status === 'cancelled') throw new DomainError('conflict', 'this task was cancelled');

  const annotation = await completeTaskWithAnnotation(db, {
    projectId: task.projectId,
    taskId: task.id,
    userId,
    schemaVersion,
    guidelinesVersion: facts.currentGuidelinesVersion,
    result,
    timeSpentMs: input.timeSpentMs ?? null,
    clientToken: input.clientToken ?? null,
    audit: auditOf(input),
  });
  if (annotation) {
    cache.forgetClaim(task.id);
    return answer(annotation, false, poolText);
  }
  // Between the read and the write, a twin request finished the task, or the lease ran out and
  // someone else took it. A twin with the same client token is answered with what it stored.
  const after = await findTaskWithItemFacts(db, input.taskId);
  if (after?.task.status === 'done' && after.task.assigneeId === userId) return correct(db, input, after, schemaVersion, result, poolText);
  throw new DomainError('lease_lost', LEASE_LOST);
}

/**
 * Why someone who does not hold the task may not submit to it, told only to those who may know.
 * What became of a task (queued, held by another) is news about a project: to someone who may not
 * open the project it is missing, as a finished or nonexistent task is (and as skip, release and
 * renew answer). Whether the submitter ever held it cannot be known: a task keeps only its last
 * assignee (an expired lease keeps it until someone else claims the task, and the holder may still
 * submit till then), and there is no history of leases; a client token names a submission, not a
 * claim. So someone who may open the project is told the task is not theirs, in words true whether
 * or not it once was, with `lease_lost`, on which the web app keeps the draft and moves on.
 */
async function notHolding(db: Db, actor: Actor, task: Task, cache: WorkCache): Promise<DomainError> {
  if (task.status === 'done' || task.status === 'cancelled') return notFound('task', task.id);
  if (!(await mayOpenProject(db, actor, task.projectId, cache))) return notFound('task', task.id);
  if (task.assigneeId === null) return new DomainError('lease_lost', 'this task is not yours: claim it first (it may have been released)');
  return new DomainError('lease_lost', NOT_YOURS);
}

/**
 * An expert's adjudication becomes the item's label and a known answer (gold) that annotators are
 * scored against: one that chooses nothing and draws nothing would accept the item with an empty
 * label, whatever the schema allows an annotator. Corrections of an adjudication too.
 */
function requireFinalLabel(stage: string, result: AnnotationResult): void {
  if (stage !== 'adjudicate' || !isEmptyResult(result)) return;
  throw validationFailed(
    [{ path: 'result', message: 'a final label must choose an answer or draw a region' }],
    'an adjudication must give the final label: choose an answer or draw a region; it cannot be empty',
  );
}

/** The task is done already: a repeat of the same submission, or a correction of the latest annotation. */
async function correct(
  db: Db,
  input: SubmitAnnotationInput,
  facts: TaskWithItemFacts,
  schemaVersion: number,
  result: AnnotationResult,
  poolText: PoolText | null,
): Promise<SubmittedAnnotation> {
  const { task } = facts;
  const current = await findCurrentTaskAnnotation(db, task.id);
  if (current && input.clientToken) {
    const original = await findWithToken(db, current, input.clientToken);
    // A retry repeats its answer. The same token with another answer is a second tab or window of
    // the same draft: answered as a retry, its answer was dropped while the tab moved on as saved.
    if (original && sameResult(original.result, result)) return answer(original, true, poolText);
    if (original) {
      throw new DomainError('conflict', 'this task was already submitted with a different answer, perhaps from another tab or window; this answer was not saved', {
        annotationId: current.id,
      });
    }
  }
  if (input.supersedes == null) {
    throw new DomainError('conflict', 'this task is already submitted; to correct it, send supersedes with the id of your latest annotation', {
      annotationId: current?.id ?? null,
    });
  }
  if (!current || current.id !== input.supersedes) {
    throw new DomainError('conflict', 'only the latest annotation of a task can be corrected', { latest: current?.id ?? null });
  }
  const store = async (tx: Db): Promise<Annotation> => {
    const stored = await insertAnnotation(tx, {
      projectId: task.projectId,
      itemId: task.itemId,
      taskId: task.id,
      annotatorId: input.actor.user.id,
      source: 'human',
      schemaVersion,
      guidelinesVersion: facts.currentGuidelinesVersion,
      result,
      timeSpentMs: input.timeSpentMs ?? null,
      supersedesId: current.id,
      clientToken: input.clientToken ?? null,
    });
    await auditAnnotation(tx, input.actor, { annotationId: stored.id, itemId: stored.itemId, projectId: stored.projectId, poolId: task.poolId, supersedes: current.id });
    return stored;
  };
  const annotation = await (db.isTransaction ? store(db) : db.transaction().execute(store));
  return answer(annotation, false, poolText);
}

/** The same answer, whatever the order of its keys. */
function sameResult(a: AnnotationResult, b: AnnotationResult): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, canonical(v)])) : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Walks back the (short) line of corrections for the submission that carried this token. */
async function findWithToken(db: Db, latest: Annotation, token: string): Promise<Annotation | null> {
  let cursor: Annotation | null = latest;
  for (let i = 0; cursor && i < 50; i++) {
    if (cursor.clientToken === token) return cursor;
    cursor = cursor.supersedesId ? await findAnnotation(db, cursor.supersedesId) : null;
  }
  return null;
}
