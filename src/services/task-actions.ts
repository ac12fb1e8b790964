/** An annotator gives a task back, skips it, or keeps it while still working on it. */
import { DomainError, notFound } from '../core/errors.ts';
import type { Task } from '../core/tasks.ts';
import type { Actor } from '../core/users.ts';
import type { Db } from '../store/database.ts';
import { findProject } from '../store/projects.ts';
import { findTask, recordSkip, releaseTask, renewLease } from '../store/tasks.ts';

async function heldTask(db: Db, actor: Actor, taskId: number): Promise<Task> {
  const task = await findTask(db, taskId);
  if (!task || task.assigneeId !== actor.user.id) throw notFound('task', taskId);
  if (task.status !== 'leased') throw new DomainError('conflict', `this task is ${task.status}, not in your hands`);
  return task;
}

/** Gives the task back to the queue; anyone, the actor included, may take it again. */
export async function releaseHeldTask(db: Db, actor: Actor, taskId: number): Promise<Task> {
  const task = await heldTask(db, actor, taskId);
  const released = await releaseTask(db, task.projectId, task.id, actor.user.id);
  if (!released) throw new DomainError('lease_lost', 'this task is no longer yours');
  return released;
}

/** Gives the task back and never offers its item to the actor again. Run it in a transaction. */
export async function skipHeldTask(tx: Db, actor: Actor, taskId: number, reason: string | null): Promise<Task> {
  const task = await heldTask(tx, actor, taskId);
  await recordSkip(tx, task, actor.user.id, reason);
  const released = await releaseTask(tx, task.projectId, task.id, actor.user.id);
  if (!released) throw new DomainError('lease_lost', 'this task is no longer yours');
  return released;
}

/** Extends the lease while the annotator is still at work on the task. */
export async function renewHeldTask(db: Db, actor: Actor, taskId: number): Promise<Date> {
  const task = await heldTask(db, actor, taskId);
  const project = await findProject(db, task.projectId);
  const until = await renewLease(db, task.projectId, task.id, actor.user.id, project?.leaseSeconds ?? 900);
  if (!until) throw new DomainError('lease_lost', 'this task is no longer yours');
  return until;
}
