import { quantile } from '../core/metrics/stats.ts';

/** Latencies in milliseconds, and their percentiles. */
export class Latencies {
  private readonly values_: number[] = [];

  add(ms: number): void {
    this.values_.push(ms);
  }

  values(): readonly number[] {
    return this.values_;
  }

  get count(): number {
    return this.values_.length;
  }

  percentile(p: number): number | null {
    const q = quantile(this.values_, p / 100);
    return q === null ? null : Number(q.toFixed(2));
  }
}
