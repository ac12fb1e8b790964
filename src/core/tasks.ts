export type TaskStage = 'label' | 'review' | 'adjudicate' | 'audit' | 'qualification';
export type TaskStatus = 'queued' | 'leased' | 'done' | 'cancelled';

export interface Task {
  id: number;
  projectId: number;
  itemId: number;
  stage: TaskStage;
  slot: number;
  status: TaskStatus;
  priority: number;
  assigneeId: number | null;
  leaseExpiresAt: Date | null;
  createdAt: Date;
  claimedAt: Date | null;
  completedAt: Date | null;
}

/** How long an annotator may keep each claimed task; a lease is renewed while they work on it. */
export function leaseExpiry(now: Date, leaseSeconds: number): Date {
  return new Date(now.getTime() + leaseSeconds * 1000);
}
