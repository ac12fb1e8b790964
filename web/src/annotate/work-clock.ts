/**
 * Time spent on a task, as sent with its annotation: counted while the task is on screen and the
 * page is visible, so a tab left open over lunch does not count as work.
 */
export class WorkClock {
  private total: number;
  private since: number | null = null;

  constructor(
    private readonly now: () => number,
    alreadySpentMs = 0,
  ) {
    this.total = alreadySpentMs;
  }

  resume(): void {
    if (this.since === null) this.since = this.now();
  }

  pause(): void {
    if (this.since === null) return;
    this.total += this.now() - this.since;
    this.since = null;
  }

  elapsedMs(): number {
    return Math.round(this.total + (this.since === null ? 0 : this.now() - this.since));
  }
}
