/**
 * The annotator's stream of tasks, one ahead: while the current task is worked on, the next one is
 * already claimed (`holding` names the tasks this page holds, so the server hands out another) and
 * its content made ready, so that submit → next task costs the submit's round trip and a swap.
 * The content preparation is passed in (decode the image, load predictions), so this file knows no
 * browser and its rules are tested alone.
 */
import type { NextTask } from '../api/types.ts';

export interface PipelineApi<P> {
  claim(holding: number[]): Promise<NextTask | null>;
  /** Loads what the screen needs to show the task at once; failures make the task unprepared, not lost. */
  prepare(task: NextTask): Promise<P>;
  release(taskId: number): Promise<void>;
}

export interface PreparedTask<P> {
  next: NextTask;
  prepared: P;
}

export type PipelineState<P> =
  | { phase: 'loading' }
  | { phase: 'working'; current: PreparedTask<P>; upcoming: PreparedTask<P> | null }
  | { phase: 'empty' }
  | { phase: 'failed'; error: unknown };

export class TaskPipeline<P> {
  private state: PipelineState<P> = { phase: 'loading' };
  private listeners = new Set<() => void>();
  private ahead: Promise<PreparedTask<P> | null> | null = null;
  private aheadValue: PreparedTask<P> | null | undefined = undefined;
  private stopped = false;
  /** Tasks being submitted or skipped: still leased to me until the server answers. */
  private leaving = new Set<number>();

  constructor(private readonly api: PipelineApi<P>) {}

  getState(): PipelineState<P> {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    try {
      const first = await this.fetchOne([]);
      if (this.stopped) return;
      if (!first) return this.set({ phase: 'empty' });
      this.set({ phase: 'working', current: first, upcoming: null });
      this.prefetch();
    } catch (error) {
      this.set({ phase: 'failed', error });
    }
  }

  /**
   * Finishes the current task with `finish` (submit or skip), then shows the next. When `finish`
   * fails the current task stays, and the error is thrown to the caller to be shown.
   */
  async advance(finish: (taskId: number) => Promise<unknown>): Promise<void> {
    const state = this.state;
    if (state.phase !== 'working') return;
    const taskId = state.current.next.task.id;
    this.leaving.add(taskId);
    try {
      await finish(taskId);
    } finally {
      this.leaving.delete(taskId);
    }
    await this.showNext(taskId);
  }

  /**
   * Shows the next task at once and finishes the current one behind it: the person goes on working
   * while `finish` travels. The returned promise settles with `finish`; when it fails the task is
   * gone from the screen, so the caller says so (the draft is still kept by the caller).
   */
  async advanceAhead(finish: (taskId: number) => Promise<unknown>): Promise<void> {
    const state = this.state;
    if (state.phase !== 'working') return;
    const taskId = state.current.next.task.id;
    this.leaving.add(taskId);
    const finishing = finish(taskId);
    const shown = this.showNext(taskId);
    try {
      await finishing;
    } finally {
      this.leaving.delete(taskId);
      await shown;
    }
  }

  private async showNext(leftTaskId: number): Promise<void> {
    if (this.stopped) return;
    let following = this.aheadValue;
    if (following === undefined && this.ahead) following = await this.ahead.catch(() => null);
    this.ahead = null;
    this.aheadValue = undefined;
    // Nothing was left when we looked ahead; others may have released work since.
    if (!following) following = await this.fetchOne([leftTaskId, ...this.leaving]).catch(() => null);
    if (this.stopped) return;
    if (!following) return this.set({ phase: 'empty' });
    this.set({ phase: 'working', current: following, upcoming: null });
    this.prefetch();
  }

  /** Leaves the screen: the task claimed ahead, never shown, goes back to the queue at once. */
  stop(): void {
    this.stopped = true;
    const ahead = this.aheadValue;
    if (ahead) void this.api.release(ahead.next.task.id).catch(() => undefined);
    else if (this.ahead) void this.ahead.then((t) => t && this.api.release(t.next.task.id)).catch(() => undefined);
    this.listeners.clear();
  }

  /** The task ids this page holds, for lease renewal. */
  held(): number[] {
    const ids: number[] = [];
    if (this.state.phase === 'working') ids.push(this.state.current.next.task.id);
    if (this.aheadValue) ids.push(this.aheadValue.next.task.id);
    return ids;
  }

  private prefetch(): void {
    const state = this.state;
    if (state.phase !== 'working') return;
    const holding = [state.current.next.task.id, ...this.leaving];
    const ahead = this.fetchOne(holding).catch(() => null);
    this.ahead = ahead;
    this.aheadValue = undefined;
    void ahead.then((value) => {
      if (this.ahead !== ahead) return;
      this.aheadValue = value;
      if (this.stopped) {
        if (value) void this.api.release(value.next.task.id).catch(() => undefined);
        return;
      }
      const now = this.state;
      if (now.phase === 'working' && value) this.set({ ...now, upcoming: value });
    });
  }

  private async fetchOne(holding: number[]): Promise<PreparedTask<P> | null> {
    const next = await this.api.claim(holding);
    if (!next) return null;
    return { next, prepared: await this.api.prepare(next) };
  }

  private set(state: PipelineState<P>): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}
