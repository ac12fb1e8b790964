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
  /** The pool the task is routed to (null: unrouted, for in-house staff). */
  poolId: number | null;
  /** 'expert': kept for the pool's experts. */
  memberRole: 'expert' | null;
  /** The routing rule that sent it. */
  routedBy: string | null;
}
