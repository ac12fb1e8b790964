/**
 * Background jobs (imports and exports) as people see them: status, progress, result. The queue
 * that runs them is pg-boss; a row here is the job's record, written first and handed to the queue
 * by a worker (`claimUnqueuedJobs`), so that a request or the CLI never needs the queue itself.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { JobKind, JobStatus, JobsTable } from './schema.ts';
import type { Selectable } from 'kysely';

export type { JobKind, JobStatus } from './schema.ts';

export interface Job {
  id: number;
  projectId: number;
  kind: JobKind;
  status: JobStatus;
  params: Record<string, unknown>;
  phase: string | null;
  done: number;
  total: number | null;
  result: unknown;
  error: { message: string; code?: string; details?: unknown } | null;
  attempts: number;
  createdBy: number | null;
  createdAt: Date;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  finishedAt: Date | null;
}

type JobRow = Selectable<JobsTable>;

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    status: row.status,
    params: row.params,
    phase: row.phase,
    done: Number(row.done),
    total: row.total === null ? null : Number(row.total),
    result: row.result,
    error: row.error as Job['error'],
    attempts: row.attempts,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    finishedAt: row.finished_at,
  };
}

export interface NewJob {
  projectId: number;
  kind: JobKind;
  params: Record<string, unknown>;
  createdBy: number | null;
  /** `running` for work the caller does itself at once (the CLI); `queued` for a worker. */
  status?: 'queued' | 'running';
}

export async function insertJob(db: Db, job: NewJob): Promise<Job> {
  const running = job.status === 'running';
  const row = await db
    .insertInto('jobs')
    .values({
      project_id: job.projectId,
      kind: job.kind,
      params: JSON.stringify(job.params),
      created_by: job.createdBy,
      status: job.status ?? 'queued',
      ...(running && { attempts: 1, started_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()` }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toJob(row);
}

export async function findJob(db: Db, id: number): Promise<Job | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : null;
}

export interface JobListQuery {
  /** null: every project. */
  projectIds: number[] | null;
  status?: JobStatus;
  kind?: JobKind;
  limit: number;
  /** Newest first; continue below this id. */
  beforeId?: number;
}

export async function listJobs(db: Db, query: JobListQuery): Promise<Job[]> {
  let q = db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(query.limit);
  if (query.projectIds !== null) {
    if (query.projectIds.length === 0) return [];
    q = q.where('project_id', 'in', query.projectIds);
  }
  if (query.status) q = q.where('status', '=', query.status);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
  return (await q.execute()).map(toJob);
}

/** Queued jobs no worker has handed to the queue yet, locked for the caller's transaction. */
export async function claimUnqueuedJobs(db: Db, limit: number): Promise<{ id: number; kind: JobKind }[]> {
  const result = await sql<{ id: number; kind: JobKind }>`
    SELECT id, kind FROM jobs
    WHERE status = 'queued' AND queue_job_id IS NULL
    ORDER BY id
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`.execute(db);
  return result.rows;
}

export async function setQueueJobId(db: Db, id: number, queueJobId: string): Promise<void> {
  await db.updateTable('jobs').set({ queue_job_id: queueJobId }).where('id', '=', id).execute();
}

/** Jobs that a worker of this database was running (the ids of their queue jobs). */
export async function runningQueueJobs(db: Db): Promise<{ id: number; kind: JobKind; queueJobId: string }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'queue_job_id'])
    .where('status', '=', 'running')
    .where('queue_job_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, queueJobId: r.queue_job_id! }));
}

/**
 * Starts an attempt: a queued job, or a running one whose previous attempt was interrupted. A job
 * that is finished is left alone (a queue job delivered twice) and null is returned.
 */
export async function startJobAttempt(db: Db, id: number): Promise<Job | null> {
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      started_at: sql<Date>`coalesce(started_at, now())`,
      heartbeat_at: sql<Date>`now()`,
      phase: null,
      done: 0,
      total: null,
      error: null,
    }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : null;
}

export interface JobProgressUpdate {
  phase: string;
  done: number;
  total: number | null;
}

export async function recordJobProgress(db: Db, id: number, progress: JobProgressUpdate): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ phase: progress.phase, done: progress.done, total: progress.total, heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Ends a running job; returns false when it was not running (finished by a twin attempt). */
export async function finishJob(
  db: Db,
  id: number,
  outcome: { status: 'done'; result: unknown } | { status: 'failed'; error: Job['error']; result?: unknown },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      error: outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
      finished_at: sql<Date>`now()`,
      heartbeat_at: sql<Date>`now()`,
      ...(outcome.status === 'done' && { done: sql<number>`coalesce(total, done)` }),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
