/**
 * A running job's progress: known at once in this process (what `GET /api/v1/jobs/:id` shows for
 * a job this server runs), and written to the job's row at most once a second for everyone else.
 *
 * A job may say it cannot write for a while: on PGlite an import holds the only connection in its
 * one transaction, and a progress write queued behind it would only land after the commit.
 */
import type { Db } from '../../store/database.ts';
import { recordJobProgress } from '../../store/jobs.ts';

export interface LiveProgress {
  phase: string;
  done: number;
  total: number | null;
  at: Date;
}

const live = new Map<number, LiveProgress>();

/** What this process knows of a job it runs now. */
export function liveProgress(jobId: number): LiveProgress | undefined {
  return live.get(jobId);
}

const WRITE_EVERY_MS = 1000;

export class JobProgress {
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();
  private canWrite = true;

  constructor(
    private readonly db: Db,
    private readonly jobId: number,
    private readonly listener?: (progress: LiveProgress) => void,
    private readonly onWriteError?: (error: unknown) => void,
  ) {}

  /** Stops (false) or resumes (true) the writes to the job's row. */
  writes(allowed: boolean): void {
    this.canWrite = allowed;
  }

  update(phase: string, done: number, total: number | null): void {
    const progress = { phase, done, total, at: new Date() };
    live.set(this.jobId, progress);
    this.listener?.(progress);
    const now = Date.now();
    if (!this.canWrite || now - this.lastWrite < WRITE_EVERY_MS) return;
    this.lastWrite = now;
    this.writing = this.writing
      .then(() => recordJobProgress(this.db, this.jobId, { phase, done, total }))
      .catch((error) => this.onWriteError?.(error));
  }

  /** Waits for the last write and forgets the job. */
  async close(): Promise<void> {
    await this.writing;
    live.delete(this.jobId);
  }
}
