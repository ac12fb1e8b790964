/**
 * The work queue once a task is handed out (see task-claims.ts for the handing out): finishing,
 * releasing, skipping, renewing and requeueing leases, and the counts of a queue.
 */
import { sql } from 'kysely';
import type { Task } from '../core/tasks.ts';
import type { Db } from './database.ts';
import type { TaskRow } from './schema.ts';

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    itemId: row.item_id,
    stage: row.stage,
    slot: row.slot,
    status: row.status,
    priority: row.priority,
    assigneeId: row.assignee_id,
    leaseExpiresAt: row.lease_expires_at,
    createdAt: row.created_at,
    claimedAt: row.claimed_at,
    completedAt: row.completed_at,
    poolId: row.pool_id,
    memberRole: row.member_role,
    routedBy: row.routed_by,
  };
}

export async function findTask(db: Db, id: number): Promise<Task | null> {
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTask(row) : null;
}

/**
 * Marks the user's task done. A lease that expired is still the user's as long as nobody else
 * claimed the task since; returns false when the task is not (or no longer) theirs to finish.
 */
export async function completeTask(db: Db, projectId: number, taskId: number, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set({ status: 'done', completed_at: sql`now()`, lease_expires_at: null })
    .where('project_id', '=', projectId)
    .where('id', '=', taskId)
    .where('assignee_id', '=', userId)
    .where('status', 'in', ['leased', 'queued'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a leased task back to the queue, for anyone. */
export async function releaseTask(db: Db, projectId: number, taskId: number, userId: number): Promise<Task | null> {
  const row = await db
    .updateTable('tasks')
    .set({ status: 'queued', assignee_id: null, lease_expires_at: null })
    .where('project_id', '=', projectId)
    .where('id', '=', taskId)
    .where('assignee_id', '=', userId)
    .where('status', '=', 'leased')
    .returningAll()
    .executeTakeFirst();
  return row ? toTask(row) : null;
}

export async function recordSkip(db: Db, task: Pick<Task, 'projectId' | 'itemId' | 'stage'>, userId: number, reason: string | null): Promise<void> {
  await db
    .insertInto('task_skips')
    .values({ project_id: task.projectId, item_id: task.itemId, stage: task.stage, user_id: userId, reason })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Extends the lease of a task the user is working on. */
export async function renewLease(db: Db, projectId: number, taskId: number, userId: number, leaseSeconds: number): Promise<Date | null> {
  const row = await db
    .updateTable('tasks')
    .set({ lease_expires_at: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where('project_id', '=', projectId)
    .where('id', '=', taskId)
    .where('assignee_id', '=', userId)
    .where('status', '=', 'leased')
    .returning('lease_expires_at')
    .executeTakeFirst();
  return row?.lease_expires_at ?? null;
}

/**
 * Puts tasks whose lease has run out back in the queue. The last assignee is kept: they may still
 * submit until someone else claims the task, and they are not handed another slot of that item.
 */
export async function requeueExpiredLeases(db: Db, limit = 1000): Promise<number> {
  const result = await sql`
    UPDATE tasks SET status = 'queued', lease_expires_at = NULL
    WHERE id IN (
      SELECT id FROM tasks
      WHERE status = 'leased' AND lease_expires_at < now()
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function listLeases(db: Db, projectId: number): Promise<{ userId: number; tasks: number; since: Date }[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('claimed_at').as('since')])
    .where('project_id', '=', projectId)
    .where('status', '=', 'leased')
    .groupBy('assignee_id')
    .execute();
  return rows.map((r) => ({ userId: r.assignee_id as number, tasks: Number(r.n), since: r.since as Date }));
}

export interface TaskWithItemFacts {
  task: Task;
  item: { kind: 'image' | 'text'; width: number | null; height: number | null; text: string | null };
  currentSchemaVersion: number;
  currentGuidelinesVersion: number | null;
}

/** What submitting work on a task needs to know, in one query. */
export async function findTaskWithItemFacts(db: Db, taskId: number): Promise<TaskWithItemFacts | null> {
  const row = await db
    .selectFrom('tasks as t')
    .innerJoin('items as i', (join) => join.onRef('i.project_id', '=', 't.project_id').onRef('i.id', '=', 't.item_id'))
    .selectAll('t')
    .select(['i.kind', 'i.width', 'i.height', 'i.text'])
    .select((eb) => [
      eb.selectFrom('label_schema_versions as v').whereRef('v.project_id', '=', 't.project_id').select((e) => e.fn.max('v.version').as('m')).as('schema_version'),
      eb.selectFrom('guideline_versions as g').whereRef('g.project_id', '=', 't.project_id').select((e) => e.fn.max('g.version').as('m')).as('guidelines_version'),
    ])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    task: toTask(row),
    item: { kind: row.kind, width: row.width, height: row.height, text: row.text },
    currentSchemaVersion: row.schema_version ?? 0,
    currentGuidelinesVersion: row.guidelines_version,
  };
}

/**
 * Sends finished work back to the queue (a rejection), ahead of fresh work: for anyone, or reserved
 * for one annotator. Its annotations stay; the next one made on it supersedes the last.
 */
export async function reopenTask(db: Db, projectId: number, taskId: number, reservedFor: number | null = null): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set((eb) => ({ status: 'queued', assignee_id: null, completed_at: null, reserved_for: reservedFor, priority: eb('priority', '+', 100) }))
    .where('project_id', '=', projectId)
    .where('id', '=', taskId)
    .where('status', '=', 'done')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface UserWorkCounts {
  myDone: number;
  myLeased: number;
}

/** What the user did in a project and holds there now. */
export async function userWorkCounts(db: Db, projectId: number, userId: number): Promise<UserWorkCounts> {
  const result = await sql<{ done: number; leased: number }>`
    SELECT
      (SELECT count(DISTINCT task_id) FROM annotations WHERE annotator_id = ${userId} AND project_id = ${projectId}
                                                         AND source = 'human')::bigint AS done,
      (SELECT count(*) FROM tasks WHERE assignee_id = ${userId} AND project_id = ${projectId} AND status = 'leased')::bigint AS leased`.execute(db);
  const row = result.rows[0]!;
  return { myDone: Number(row.done), myLeased: Number(row.leased) };
}

/** The pool each task was routed to (null: unrouted work), for the tasks given. */
export async function poolsOfTasks(db: Db, taskIds: readonly number[]): Promise<Map<number, number | null>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db.selectFrom('tasks').select(['id', 'pool_id']).where('id', 'in', [...new Set(taskIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.pool_id]));
}

/**
 * The item's adjudication is (or was) routed to one of `pools`, whose experts alone may take it;
 * a cancelled task, re-routed elsewhere since, does not count.
 */
export async function adjudicationRoutedTo(db: Db, projectId: number, itemId: number, pools: readonly number[]): Promise<boolean> {
  if (pools.length === 0) return false;
  const row = await db
    .selectFrom('tasks')
    .select('id')
    .where('project_id', '=', projectId)
    .where('item_id', '=', itemId)
    .where('stage', '=', 'adjudicate')
    .where('status', '<>', 'cancelled')
    .where('pool_id', 'in', [...pools])
    .executeTakeFirst();
  return row !== undefined;
}
